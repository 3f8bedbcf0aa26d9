//! `planc explain NAME`

use planc::Code;

#[derive(clap::Args)]
pub struct Args {
    /// A diagnostic's name, like `goal-without-path`; without it, the list of all
    #[arg(value_name = "NAME")]
    name: Option<String>,
}

pub fn run(args: Args) -> i32 {
    let Some(name) = args.name else {
        println!("Every diagnostic planc reports; `planc explain NAME` tells more.\n");
        for code in Code::ALL {
            println!(
                "  {:<30} {:<8} {}",
                code.name(),
                code.severity().as_str(),
                code.summary()
            );
        }
        return super::OK;
    };
    match planc::docs::page(&name) {
        Some(page) if Code::from_name(&name).is_some() => {
            print!("{page}");
            super::OK
        }
        _ => {
            let suggestion = planc::suggest::closest(&name, Code::ALL.iter().map(|c| c.name()));
            match suggestion {
                Some(s) => eprintln!("planc: no diagnostic is named `{name}`; did you mean `{s}`?"),
                None => eprintln!(
                    "planc: no diagnostic is named `{name}`; run `planc explain` for the list"
                ),
            }
            super::COULD_NOT_RUN
        }
    }
}
