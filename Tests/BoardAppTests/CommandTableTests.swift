import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp

/// The `:` commands and the screens' own key tables as data: parsing, help, hints and dispatch come from one place.
@MainActor
@Suite("Command and key tables")
struct CommandTableTests {
    /// Every word of every command reads as that command, with its argument where it takes one.
    @Test func everyWordParses() {
        for entry in CommandTable.board.entries {
            for word in entry.words {
                let command = BoardCommand.parse("\(word.uppercased()) X-1")
                #expect(command == entry.make("X-1"), "\(word)")
                if case .required = entry.argument {
                    #expect(BoardCommand.parse(word) == .unknown(word), "\(word) without its argument")
                } else {
                    #expect(BoardCommand.parse(word) == entry.make(nil), "\(word) alone")
                }
            }
        }
        #expect(BoardCommand.parse("  meeting  ") == .meeting(nil))
        #expect(BoardCommand.parse("search  two words ") == .search("two words"))
        #expect(BoardCommand.parse("frobnicate now") == .unknown("frobnicate now"))
        #expect(BoardCommand.parse("") == .unknown(""))
        let words = CommandTable.board.entries.flatMap(\.words)
        #expect(Set(words).count == words.count, "a word calls two commands")
    }

    /// Issue 15, bug 1: a kept draft is reachable through `:drafts`, so the help must list it, like every command;
    /// and the `:` key's line and the unknown-command message name every command too.
    @Test func helpListsEveryColonCommand() throws {
        let (app, _) = try SampleBoard.app(width: 120, height: 80)
        app.handle(.char("?"))
        let help = app.frame().textDump()
        #expect(CommandTable.board.entries.contains { $0.name == "drafts" })
        for entry in CommandTable.board.entries {
            #expect(help.contains("  \(entry.usage)  "), "help lacks \(entry.usage)")
            #expect(help.contains(entry.help), "help lacks what \(entry.usage) does")
            #expect(BoardCommand.summary.contains(entry.usage))
            #expect(help.contains(":\(entry.name),") || help.contains(":\(entry.name))"), "the ':' key's line")
        }
    }

    /// The help is laid out once, in one aligned column for keys and commands, and shown without re-wrapping: every
    /// description starts in the same column at 80 and at 160 columns, and nothing is lost to the view's wrapping.
    @Test(arguments: [80, 160]) func helpKeepsItsColumn(width: Int) {
        let lines = HelpScreen.lines(keys: KeyMap.global, commands: .board, width: width - 2).map(\.text)
        let rows = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
        #expect(
            rows.count
                == KeyMap.global.bindings.count + FieldEditKeys.table.bindings.count + CommandTable.board.entries.count)
        let columns = Set(
            rows.map { row -> Int in
                let afterLabel = row.dropFirst(2).firstRange(of: "  ").map {
                    row.distance(from: row.startIndex, to: $0.upperBound)
                }
                let text = row[row.index(row.startIndex, offsetBy: afterLabel ?? 0)...]
                return (afterLabel ?? 0) + text.prefix { $0 == " " }.count
            })
        #expect(columns.count == 1, "descriptions start in columns \(columns.sorted())")
        #expect(lines.allSatisfy { TextWidth.displayWidth(of: $0) <= width - 2 })
        var view = TextView(lines: lines.map { TextView.Line($0) }, wraps: false)
        #expect(view.wrapped(width: width - 2).map(\.text) == lines)
        var canvas = Canvas(width: width - 2, height: 5)
        view.render(into: &canvas, rect: Rect(x: 0, y: 0, width: width - 2, height: 5))
        #expect(view.canScrollDown)
    }

    @Test func screenTablesHaveNoDuplicateKeys() {
        for table in [DecisionConflictKeys.table, NoteEditorKeys.table, DecisionFormKeys.editable] {
            #expect(table.duplicateKeys().isEmpty)
        }
    }

    /// A field being edited (the `/` and `:` prompt, the decision and outcome forms' text fields) takes Enter, Esc and
    /// Tab from one table, and the help lists them under their own heading.
    @Test func fieldEditingKeysComeFromOneTableTheHelpLists() {
        #expect(FieldEditKeys.table.duplicateKeys().isEmpty)
        #expect(FieldEditKeys.action(for: .enter) == .accept)
        #expect(FieldEditKeys.action(for: .escape) == .cancel)
        #expect(FieldEditKeys.action(for: .tab) == .complete)
        #expect(FieldEditKeys.action(for: .char("q")) == nil)
        let help = HelpScreen.lines(keys: KeyMap.global, commands: .board, width: 100).map(\.text)
        #expect(help.contains("While typing in a field"))
        for binding in FieldEditKeys.table.bindings {
            #expect(help.contains { $0.contains(binding.help) }, "help lacks \(binding.help)")
        }
    }

    /// The note editor's keys come from its table; every other key, `?` and `q` included, types into the note, and the
    /// status bar offers the editor's keys, not the board's.
    @Test func noteEditorKeysComeFromItsTable() throws {
        let (app, _) = try SampleBoard.app(width: 100, height: 30)
        app.run(.openCase("C-0001"))
        app.handle(.char("n"))
        let editor = try #require(app.stack.last as? NoteEditorScreen)
        app.type("q? ok")
        #expect(editor.area.text == "q? ok")
        let screen = app.frame().textDump()
        let status = screen.split(separator: "\n").last.map(String.init) ?? ""
        for binding in NoteEditorKeys.editing {
            #expect(status.contains("\(binding.keys[0].label) \(binding.hint ?? "")"), "status: \(status)")
        }
        #expect(!status.contains("? help"))
        #expect(screen.contains(NoteEditorKeys.line))
        app.handle(.escape)  // asks: there is text
        #expect(app.stack.last is NoteEditorScreen)
        app.handle(.enter)  // "Keep editing"
        app.handle(.ctrl("s"))
        #expect(!(app.stack.last is NoteEditorScreen))
        #expect(app.frame().textDump().contains("Note saved."))
    }
}
