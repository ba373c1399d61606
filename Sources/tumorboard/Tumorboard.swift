import ArgumentParser

/// The `tumorboard` command: the board screen and the scriptable commands around it.
struct Tumorboard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tumorboard",
        abstract: "A terminal workspace for multidisciplinary tumour boards.",
        discussion: """
            Exit codes: 0 ok, 1 usage or input error, 2 store problem.
            The store defaults to $TUMORBOARD_STORE, else $XDG_DATA_HOME/tumorboard/board.sqlite, \
            else ~/.local/share/tumorboard/board.sqlite.
            """,
        version: "0.1.0",
        subcommands: [
            OpenCommand.self, DemoCommand.self, ImportCommand.self, CasesCommand.self, ShowCommand.self,
            MatchCommand.self, VerifyCommand.self, GenerateCommand.self, MeetingCommand.self, ExportCommand.self,
            NoteCommand.self, DecisionCommand.self, BackupCommand.self, RestoreCommand.self, KeyCommand.self,
            PrecedentsCommand.self,
            BoardCommand.self, OutcomeCommand.self, FollowUpCommand.self, StoreCommand.self,
            CaseCommand.self, TrialCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )
}
