import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// What screens need from the app while loading and drawing: the store, the time, and how to show patients.
@MainActor
public final class AppContext {
    public let store: any BoardStoring
    public var privacy: Bool
    /// Injected so tests and snapshots see a fixed time.
    public var clock: () -> Date
    public var asciiOnly = false
    /// The terminal, so an editor can hand it over to $EDITOR and take it back.
    public weak var terminal: (any Terminal)?
    /// The rect screens draw into, set by the app before each key so layout decisions match the last frame.
    public var body = Rect(x: 0, y: 1, width: 80, height: 22)
    /// Meeting times are shown in this zone ($TZ, else UTC); tests pin it.
    public var timeZone = BoardTime.localZone()

    public init(store: any BoardStoring, privacy: Bool = false, clock: @escaping () -> Date = Date.init) {
        self.store = store
        self.privacy = privacy
        self.clock = clock
    }

    /// Matches this session computed that the store does not hold (a read-only store keeps none; a case with no
    /// relevant trial leaves no rows), by case, with the case fingerprint they were computed on: a case is
    /// matched once per session, not on every visit. Emptied when another terminal changes the store.
    var computedMatches: [String: (fingerprint: String, matches: [TrialMatch], trials: [String: Trial])] = [:]

    /// The store's trials compiled once per session (2,000 trials take longer to read and compile than a frame lasts),
    /// so moving through an agenda of stale cases matches each against the kept engine. Dropped with
    /// `computedMatches` when another terminal changes the store.
    var trialEngine: TrialEngine?

    /// Compile the trials on a background thread (`TrialEngineLoader`), started when a screen first shows a case
    /// without current matches (its own screen, the agenda's pane, meeting mode), not at start: the board screen sets
    /// it, so no frame waits seconds for 2,000 trials and a session that only browses never holds them (tens of MB);
    /// tests leave it off and match at once.
    public var matchesInBackground = false
    private var trialLoader: TrialEngineLoader?
    /// Set when a case was shown without its matches because the trials were still compiling.
    private var waitingForTrials = false

    /// Forgets every match and the compiled trials: the store changed under this session.
    func forgetMatches() {
        computedMatches = [:]
        trialEngine = nil
        trialLoader = nil
    }

    /// Starts compiling the trials in the background, if the screen works that way and they are not compiled yet.
    public func prepareMatching() {
        guard matchesInBackground, trialEngine == nil, trialLoader == nil else { return }
        trialLoader = TrialEngineLoader(store: store)
    }

    /// The compiled trials: compiled now, or (in the background) nil until the loader is done.
    func readyTrialEngine() throws -> TrialEngine? {
        if let trialEngine { return trialEngine }
        guard matchesInBackground else {
            trialEngine = try TrialEngine(store: store)
            return trialEngine
        }
        prepareMatching()
        switch trialLoader?.finished {
        case .success(let engine)?:
            trialEngine = engine
            trialLoader = nil
            return engine
        case .failure(let error)?:
            trialLoader = nil
            throw error
        case nil:
            waitingForTrials = true
            return nil
        }
    }

    /// The trials are compiled or compiling: some screen has needed matches this session.
    var trialsRequested: Bool { trialEngine != nil || trialLoader != nil }

    /// True once when the trials a shown case waited for are compiled: the screens then reload to match it.
    func trialsArrived() -> Bool {
        guard waitingForTrials, trialLoader?.finished != nil else { return false }
        waitingForTrials = false
        return true
    }

    public var now: Date { clock() }
    public var today: LocalDate { LocalDate(now) }

    /// How a patient is named on screen: full name, or (privacy) pseudonym and initials.
    public func patientLabel(_ headline: CaseHeadline) -> String {
        patientLabel(
            name: headline.patientName, pseudonym: headline.pseudonym, initials: headline.initials,
            life: headline.life, sex: headline.sex)
    }

    public func patientLabel(_ patient: Patient) -> String {
        patientLabel(
            name: patient.name.display, pseudonym: patient.pseudonym, initials: patient.initials,
            life: LifeStatus(patient), sex: patient.sex)
    }

    /// The case id as the screen may show it: in privacy mode, the pseudonym when the id may carry the patient's
    /// name (`CaseIdShown`).
    public func caseId(_ id: String, of patient: Patient) -> String {
        CaseIdShown.text(
            id, pseudonym: patient.pseudonym, names: CaseIdShown.names(of: patient),
            identifiers: CaseIdShown.identifiers(of: patient), deidentified: privacy)
    }

    /// A list row's case id as the screen may show it: in privacy mode, the pseudonym when the id may carry the
    /// patient's name or hold one of their identifiers (an MRN used as the case id). Such an id is noted for the
    /// canvas (`identifyingIds`) as when the case is opened, so the first list already hides it (review 7 #3).
    public func caseId(_ headline: CaseHeadline) -> String {
        let identifies = CaseIdShown.mayCarryName(
            headline.id, names: CaseIdShown.names(listed: headline.patientName), identifiers: headline.identifiers)
        if identifies { identifyingIds[headline.id] = headline.pseudonym }
        return privacy && identifies ? headline.pseudonym : headline.id
    }

    /// Case ids seen this session that may identify their patient, with the pseudonym shown instead: privacy mode
    /// hands them to the canvas, so a title or an id built from the case id (a decision's) never shows them.
    public private(set) var identifyingIds: [String: String] = [:]

    /// A case as a screen loads it, its id noted when it may identify the patient (see `identifyingIds`).
    public func caseRecord(id: String, findings: CaseFindings = .all) throws -> CaseRecord? {
        let record = try store.caseRecord(id: id, on: today, findings: findings)
        if let c = record?.record, CaseIdShown.mayIdentify(c) { identifyingIds[c.id] = c.patient.pseudonym }
        return record
    }

    /// A deceased patient shows the age at death and the word "deceased", never a current age.
    private func patientLabel(name: String, pseudonym: String, initials: String, life: LifeStatus, sex: Sex) -> String {
        // What is not recorded is said in words ("age and sex unknown"), never a bare "?".
        // The deceased never get a recorded age here: LifeStatus's phrase says it as the last recorded one.
        let ageSex = AgeSexText.text(
            age: life.age(on: today), sex: sex, recorded: life.isDeceased ? nil : life.recordedAgeValue)
        let status = life.isDeceased ? " deceased" : ""
        if privacy { return "\(pseudonym) \(initials) \(ageSex)\(status)" }
        return "\(name) \(ageSex)\(status)"
    }

    /// Free text about a patient as the screen may show it: in privacy mode with the patient's identifiers
    /// masked by the same de-identifier the exports use (names, MRNs, birth dates inside questions, notes,
    /// histories, rationales, dissent); unchanged otherwise.
    public func masked(_ text: String, for patient: Patient) -> String {
        guard privacy, !text.isEmpty else { return text }
        if let known = deidentifiers[patient] { return known.scrub(text) }
        if deidentifiers.count > 64 { deidentifiers.removeAll() }
        let made = Deidentifier(patient: patient)
        deidentifiers[patient] = made
        return made.scrub(text)
    }

    private var deidentifiers: [Patient: Deidentifier] = [:]

    /// Formats an instant for the board ("Thu 3 Dec 2026 15:00"). Formatters are built once: making one costs more than a frame.
    public func format(_ date: Date, time: Bool = true) -> String {
        let key = "\(time)|\(timeZone.identifier)"
        if let formatter = formatters[key] { return formatter.string(from: date) }
        let formatter = BoardTime.formatter(time ? BoardTime.dayAndTimePattern : BoardTime.dayPattern, in: timeZone)
        formatters[key] = formatter
        return formatter.string(from: date)
    }

    private var formatters: [String: DateFormatter] = [:]
}
