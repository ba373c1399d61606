import BoardFormats
import Foundation
import TUIKit

/// Export of the minutes from a screen: which copy (full or de-identified, suggested by privacy mode), which
/// findings (the key ones or all), then the path (default in the working directory); an existing file is replaced
/// only after asking. Written 0600, atomically.
enum MinutesPrompt {
    @MainActor
    static func ask(meetingId: String, context: AppContext) -> Navigation {
        let copy = Modal(
            title: "Export the minutes of \(meetingId)",
            body: [
                "A de-identified copy has no patient names, MRNs or birth dates (pseudonym and age instead).",
                context.privacy ? "Privacy mode is on: the de-identified copy is suggested." : "",
            ].filter { !$0.isEmpty },
            buttons: ["Cancel", "Full copy", "De-identified"], selectedButton: context.privacy ? 2 : 1)
        return .confirm(copy) { choice in
            guard let choice, choice > 0 else { return .none }
            let deidentify = choice == 2
            let findings = Modal(
                title: "Findings in the minutes",
                body: [
                    "Key findings: those with an evidence level or cited by a decision.",
                    "All findings: every finding of each case.",
                ], buttons: ["Cancel", "Key findings", "All findings"], selectedButton: 1)
            return .confirm(findings) { choice in
                guard let choice, choice > 0 else { return .none }
                return askPath(meetingId: meetingId, deidentify: deidentify, allFindings: choice == 2, context: context)
            }
        }
    }

    @MainActor
    static func askPath(meetingId: String, deidentify: Bool, allFindings: Bool, context: AppContext) -> Navigation {
        let name = MinutesExport.defaultFileName(
            meetingId: meetingId, format: .text, deidentify: deidentify, allFindings: allFindings)
        return .ask("Export minutes to (.md for Markdown):", initial: name) { path in
            guard let path = path?.trimmingCharacters(in: .whitespaces), !path.isEmpty else { return .none }
            let write = {
                export(
                    meetingId: meetingId, path: path, deidentify: deidentify, allFindings: allFindings,
                    context: context)
            }
            guard FileManager.default.fileExists(atPath: path) else { return write() }
            let replace = Modal(
                title: "Replace \(path)?", body: ["A file of that name exists; replacing it loses what it holds."],
                buttons: ["Cancel", "Replace"], selectedButton: 0)
            return .confirm(replace) { choice in
                choice == 1 ? write() : .message("Nothing exported; \(path) left as it was.")
            }
        }
    }

    @MainActor
    static func export(meetingId: String, path: String, deidentify: Bool, allFindings: Bool, context: AppContext)
        -> Navigation
    {
        let markdown = path.lowercased().hasSuffix(".md")
        do {
            let text = try MinutesExport.minutes(
                store: context.store, meetingId: meetingId, format: markdown ? .markdown : .text,
                deidentify: deidentify, allFindings: allFindings, timeZone: context.timeZone)
            try ExportFile.write(text, to: path)
            let what = [deidentify ? "de-identified" : nil, allFindings ? "all findings" : nil].compactMap { $0 }
            return .message(
                "Minutes written to \(path)" + (what.isEmpty ? "" : " (\(what.joined(separator: ", ")))") + ".")
        } catch {
            return .error("\(error)")
        }
    }
}
