import CareCases
import CareCore
import Plot
import Vapor

/// The visit's record page. Each part is a small form of its own (arrived, a task, a note, how they were,
/// safety, when I left, leaving), so a phone in poor signal sends one short thing at a time; each form
/// carries an entry id made when the page was shown, so pressing twice keeps one entry.
enum RecordController {
  static func show(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), try req.id(RotaVisit.self, SiteURL.visitID), FormState()).response()
  }

  static func page(_ req: Request, _ actor: Requester, _ visitID: ID<RotaVisit>, _ state: FormState)
    async throws -> RecordPage
  {
    let model = try await req.cases.visitRecord(visitID, by: actor)
    let forms =
      RecordPage.forms(model.record.visit) + model.dueDoses.map(\.formName)
      + model.lines.filter { RecordPage.isCorrectable($0, by: model) }.map { "fix-\($0.entry.id)" }
    var ids: [String: String] = [:]
    for form in forms { ids[form] = req.cases.newEntryID().uuidString }
    let v = model.record.visit
    return RecordPage(
      layout: req.layout(
        "\(model.personName)'s visit on \(v.day.longText) at \(CoopCalendar.clockText(v.start))",
        crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      model: model, state: state, entryIDs: ids)
  }

  static func write(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let visitID = try req.id(RotaVisit.self, SiteURL.visitID)
    var state = try req.formState()
    let prefix = state["form"]
    var form = RecordForm(entryID: state["entryID"], kind: state["kind"])
    if prefix.hasPrefix("task-") { form.task = String(prefix.dropFirst(5)) }
    if prefix.hasPrefix("fix-") {
      // A correction carries what it corrects in fields of its own (the task, the medicine and dose time).
      form.corrects = String(prefix.dropFirst(4))
      form.correctionReason = state["\(prefix)-correctionReason"]
      form.task = state["\(prefix)-task"]
      form.medicineID = state["\(prefix)-medicineID"]
      form.doseAt = state["\(prefix)-doseAt"]
      form.medicineOutcome = state["\(prefix)-medicineOutcome"]
    } else if let (medicine, doseAt) = RecordPage.dose(inFormName: prefix) {
      (form.medicineID, form.doseAt) = (medicine, doseAt.map(String.init) ?? "")
      form.medicineOutcome = state["\(prefix)-medicineOutcome"]
    }
    form.outcome = state["\(prefix)-outcome"]
    form.text = state["\(prefix)-text"]
    form.wellbeing = state["\(prefix)-wellbeing"]
    form.isPersonalCare = state["\(prefix)-isPersonalCare"] == "true"
    form.waterInReach = state["\(prefix)-waterInReach"]
    form.pendantInReach = state["\(prefix)-pendantInReach"]
    form.deviceAt = state["deviceAt"]
    do {
      try await req.cases.writeRecord(visitID, form: form, by: actor)
      return req.redirect(to: SiteURL.visitRecord(.value(visitID)).path + "#record", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      // The problem is shown at the form that was sent (its fields are named after it).
      let at = RecordPage.isFormName(prefix) ? prefix : "checkIn"
      // A problem with the entry as a whole (what it corrects) is linked to the form's button.
      state.errors = fields.map { FieldError("\(at)-\($0.field == "corrects" ? "kind" : $0.field)", $0.message) }
      return try await page(req, actor, visitID, state).response(status)
    }
  }
}

struct RecordPage: PageView {
  let layout: Layout
  let model: VisitRecordModel
  let state: FormState
  /// A fresh entry id for each form on the page.
  let entryIDs: [String: String]

  var visit: RotaVisit { model.record.visit }
  var first: String { Account.firstName(of: model.personName) }

  /// Whether a posted `form` value names one of the page's forms (any visit's).
  static func isFormName(_ name: String) -> Bool {
    ["checkIn", "note", "wellbeing", "safety", "leaving", "checkOut"].contains(name)
      || (name.hasPrefix("task-") && VisitTask(rawValue: String(name.dropFirst(5))) != nil)
      || dose(inFormName: name) != nil
      || (name.hasPrefix("fix-") && UUID(uuidString: String(name.dropFirst(4))) != nil)
  }

  /// The worker's own standing entries whose words can be corrected on the page (times are confirmed in
  /// their own form).
  static func isCorrectable(_ line: VisitRecord.Line, by model: VisitRecordModel) -> Bool {
    model.mayWrite && line.entry.authorID == model.reader && line.correctedBy == nil
      && [.note, .leaving, .task, .medicine].contains(line.entry.kind)
  }

  /// "med-<medicine>-<minute>" or "med-<medicine>-asNeeded" (`DueDose.formName`): the medicine's id and the
  /// dose time.
  static func dose(inFormName name: String) -> (String, Int?)? {
    guard name.hasPrefix("med-") else { return nil }
    let rest = name.dropFirst(4)
    guard let dash = rest.lastIndex(of: "-"), UUID(uuidString: String(rest[..<dash])) != nil else { return nil }
    let time = String(rest[rest.index(after: dash)...])
    if time == "asNeeded" { return (String(rest[..<dash]), nil) }
    guard let minute = Int(time), (0..<(24 * 60)).contains(minute) else { return nil }
    return (String(rest[..<dash]), minute)
  }

  /// The forms the page shows for a visit: one a part, one a task.
  static func forms(_ visit: RotaVisit) -> [String] {
    ["checkIn"] + visit.tasks.sorted().map { "task-\($0.rawValue)" } + [
      "note", "wellbeing", "safety", "leaving", "checkOut",
    ]
  }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .if(
        !model.mayWrite,
        easyReadToggle(on: layout.easyRead, csrf: layout.csrf, returnTo: .visitRecord(.value(visit.id)))),
      .h1(.text(isEasy && model.isPerson ? "Your visit" : "\(model.personName)'s visit")),
      .p(
        .class("lead"),
        .text(
          "\(visit.day.longText), \(CoopCalendar.clockText(visit.start)) to \(CoopCalendar.clockText(visit.end)). "
            + "For: \(visit.tasks.sorted().map(\.label).joined(separator: ", ")).")),
      .if(model.mayWrite && !model.earlier.isEmpty, earlierSection),
      .if(model.mayWrite, writing),
      timesSection,
      .section(
        .id("record"), .attribute(named: "aria-labelledby", value: "record-title"),
        .h2(.id("record-title"), "What has been written"),
        isEasy
          ? easyRecord
          : model.lines.isEmpty
            ? .p("Nothing has been written about this visit yet.")
            : .ol(.class("record"), .forEach(model.lines) { line($0) }))
    )
  }

  /// Before going in: how the person has been at the visits of the last days, newest first, in a
  /// disclosure so the writing stays near the top on a phone.
  var earlierSection: Node<HTML.BodyContext> {
    let first = Account.firstName(of: model.personName)
    return .details(
      .class("earlier"),
      .summary(.text("Before you go in: how \(first) has been lately (\(model.earlier.count))")),
      .ul(
        .class("plain-list"),
        .forEach(model.earlier) { e in
          let calendar = CoopCalendar.london
          let when =
            "\(calendar.day(of: e.deviceAt).longText), \(CoopCalendar.clockText(calendar.minuteOfDay(of: e.deviceAt)))"
          let what: String =
            switch e.kind {
            case .wellbeing:
              "How \(first) was: \(e.wellbeing ?? 0) out of 5" + (e.text.isEmpty ? "" : ", in their words: “\(e.text)”")
            case .leaving: "When the worker left: \(e.text)"
            default: (e.isPersonalCare ? "Note (personal care): " : "Note: ") + e.text
            }
          return .li(.p(.strong(.text(when)), .text(" — \(model.name(e.authorID))")), .p(.text(what)))
        }))
  }

  var writing: Node<HTML.BodyContext> {
    .group(
      // Where the page's script says what is kept on the phone until there is signal (a polite live region).
      .div(.id("outbox"), .class("outbox"), .attribute(named: "role", value: "status")),
      .p(
        .class("notice"),
        .text(
          model.isCheckedOut
            ? "You have said you left. You can still add to the record."
            : model.isCheckedIn
              ? "You have said you arrived. Say when you leave."
              : "Say when you arrive.")),
      .if(!model.isCheckedIn, simple("checkIn", kind: .checkIn, button: "I have arrived")),
      .section(
        .attribute(named: "aria-labelledby", value: "tasks-title"),
        .h2(.id("tasks-title"), "Tasks"),
        .forEach(visit.tasks.sorted()) { task in taskForm(task) }),
      .if(
        !model.dueDoses.isEmpty,
        .section(
          .id("medicines"), .attribute(named: "aria-labelledby", value: "medicines-title"),
          .h2(.id("medicines-title"), "Medicines"),
          .forEach(model.dueDoses) { doseForm($0) })),
      form(
        "note", kind: .note, title: "A note",
        fields: [
          Forms.textarea("note-text", label: "What should the team know?", state: state),
          Forms.checkbox(
            "note-isPersonalCare", label: "This is about personal care",
            hint: "Family and friends in the team do not see it.", state: state),
        ], button: "Save the note"),
      form(
        "wellbeing", kind: .wellbeing, title: "How was \(first)?",
        fields: [
          Forms.radios(
            "wellbeing-wellbeing", legend: "How did \(first) say they were?",
            options: [
              ("5", "5: very good", nil), ("4", "4: good", nil), ("3", "3: all right", nil), ("2", "2: not good", nil),
              ("1", "1: not good at all", nil),
            ], state: state),
          Forms.textarea(
            "wellbeing-text", label: "In their own words (if they want)", state: state),
        ], button: "Save how they were"),
      form(
        "safety", kind: .safety, title: "Safety check",
        fields: [
          Forms.radios(
            "safety-waterInReach", legend: "Is a drink of water in reach?",
            options: [("yes", "Yes", nil), ("no", "No", nil)], state: state),
          Forms.radios(
            "safety-pendantInReach", legend: "Is the call pendant in reach?",
            options: [("yes", "Yes", nil), ("no", "No", nil)], state: state),
        ], button: "Save the safety check"),
      form(
        "leaving", kind: .leaving, title: "When you left",
        fields: [Forms.textarea("leaving-text", label: "What was \(first) doing when you left?", state: state)],
        button: "Save"),
      .if(
        model.isCheckedIn && !model.isCheckedOut, simple("checkOut", kind: .checkOut, button: "I am leaving now")))
  }

  func taskForm(_ task: VisitTask) -> Node<HTML.BodyContext> {
    let name = "task-\(task.rawValue)"
    return .form(
      .action(SiteURL.visitRecord(.value(visit.id)).path), .method(.post), .attribute(named: "novalidate"),
      .attribute(named: "data-offline"), Forms.csrf(layout.csrf), hidden(name, kind: .task),
      Forms.radios(
        "\(name)-outcome", legend: task.label.capitalizedFirst,
        options: [("done", "Done", nil), ("notDone", "Not done", nil)], state: state),
      Forms.textarea("\(name)-text", label: "If not done, why? (or a note)", state: state),
      submit(name, "Save: \(task.label)"))
  }

  func doseForm(_ dose: DueDose) -> Node<HTML.BodyContext> {
    let d = dose.version.details
    let name = dose.formName
    let title = "\(d.name), " + (dose.doseAt.map { "due \(CoopCalendar.clockText($0))" } ?? "when needed")
    if let written = dose.written, let outcome = written.medicine?.outcome {
      return .div(
        .class("card"), .h3(.text(title)), .p(.text("You wrote: \(outcome.label.lowercased()).")))
    }
    return .div(
      .class("card"),
      .h3(.text(title)),
      .p(.text("\(d.summary). \(d.givenBy.label)." + (d.instructions.isEmpty ? "" : " Remember: \(d.instructions)"))),
      .form(
        .action(SiteURL.visitRecord(.value(visit.id)).path), .method(.post), .attribute(named: "novalidate"),
        .attribute(named: "data-offline"), Forms.csrf(layout.csrf), hidden(name, kind: .medicine),
        Forms.radios(
          "\(name)-medicineOutcome", legend: "What happened?",
          options: MedicineOutcome.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        Forms.textarea("\(name)-text", label: "If not given, why? (or a note)", state: state),
        submit(name, "Save: \(d.name)")))
  }

  func form(
    _ name: String, kind: RecordEntryKind, title: String, fields: [Node<HTML.FormContext>], button: String
  ) -> Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "\(name)-title"),
      .h2(.id("\(name)-title"), .text(title)),
      .form(
        .action(SiteURL.visitRecord(.value(visit.id)).path), .method(.post), .attribute(named: "novalidate"),
        .attribute(named: "data-offline"), Forms.csrf(layout.csrf), hidden(name, kind: kind), .group(fields),
        submit(name, button)))
  }

  func simple(_ name: String, kind: RecordEntryKind, button: String) -> Node<HTML.BodyContext> {
    .form(
      .action(SiteURL.visitRecord(.value(visit.id)).path), .method(.post), .attribute(named: "data-offline"),
      Forms.csrf(layout.csrf), hidden(name, kind: kind), submit(name, button))
  }

  func hidden(_ name: String, kind: RecordEntryKind) -> Node<HTML.FormContext> {
    .group(
      .input(.type(.hidden), .name("form"), .value(name)),
      .input(.type(.hidden), .name("kind"), .value(kind.rawValue)),
      .input(.type(.hidden), .name("entryID"), .value(entryIDs[name] ?? "")),
      // The phone's time when the entry was written, set by the page's script (an entry sent later, once
      // in signal, keeps the time it was written); without the script the server's time counts.
      .input(.type(.hidden), .name("deviceAt"), .value("")))
  }

  /// The button carries the form's "kind" anchor, where a problem with the whole entry is linked to.
  func submit(_ name: String, _ label: String) -> Node<HTML.FormContext> {
    .group(
      .unwrap(state.error("\(name)-kind")) { Forms.errorMessage("\(name)-kind", $0) },
      .button(.type(.submit), .class("button"), .id("\(name)-kind"), .text(label)))
  }

  func line(_ line: VisitRecord.Line) -> Node<HTML.ListContext> {
    let e = line.entry
    var marks: [String] = []
    if line.isLate { marks.append("written after the visit") }
    if line.isFarFromPlanned { marks.append("more than an hour from the planned time") }
    if line.correctedBy != nil { marks.append("corrected below") }
    if line.isConflict { marks.append("two phones disagree: the co-op will sort it out") }
    return .li(
      .class(line.correctedBy == nil ? "record-line" : "record-line corrected"),
      .p(
        .strong(.text(when(e.deviceAt) + " " + what(e))),
        .text(" — \(model.name(e.authorID))")),
      .unwrap(e.correctionReason) { .p(.text("Correction: \($0)")) },
      .if(!e.text.isEmpty && e.kind != .wellbeing, .p(.text(e.text))),
      .forEach(marks) { .p(.class("tag"), .text($0)) },
      .if(RecordPage.isCorrectable(line, by: model), correction(e)))
  }

  /// "Correct this": a new entry of the same kind naming this one, with why; the old one stays, shown as
  /// corrected.
  func correction(_ e: RecordEntry) -> Node<HTML.BodyContext> {
    let name = "fix-\(e.id)"
    var fields: [Node<HTML.FormContext>] = []
    switch e.kind {
    case .task:
      fields.append(.input(.type(.hidden), .name("\(name)-task"), .value(e.task?.rawValue ?? "")))
      fields.append(
        Forms.radios(
          "\(name)-outcome", legend: "Was it done?", options: [("done", "Done", nil), ("notDone", "Not done", nil)],
          state: state))
    case .medicine:
      fields.append(
        .input(.type(.hidden), .name("\(name)-medicineID"), .value(e.medicine?.medicineID.description ?? "")))
      fields.append(.input(.type(.hidden), .name("\(name)-doseAt"), .value(e.medicine?.doseAt.map(String.init) ?? "")))
      fields.append(
        Forms.radios(
          "\(name)-medicineOutcome", legend: "What happened?",
          options: MedicineOutcome.allCases.map { ($0.rawValue, $0.label, nil) }, state: state))
    default: break
    }
    fields.append(Forms.textarea("\(name)-text", label: "What it should say", state: state))
    fields.append(Forms.textarea("\(name)-correctionReason", label: "Why the correction?", state: state))
    let hasErrors = state.errors.contains { $0.field.hasPrefix(name + "-") }
    return .details(
      .class("no-print"), .attribute(named: "open", value: hasErrors ? "open" : nil),
      .summary(.text("Correct this")),
      .form(
        .action(SiteURL.visitRecord(.value(visit.id)).path), .method(.post), .attribute(named: "novalidate"),
        .attribute(named: "data-offline"), Forms.csrf(layout.csrf), hidden(name, kind: e.kind), .group(fields),
        submit(name, "Save the correction")))
  }

  /// The phone's time, with the day when it is not the visit's day.
  func when(_ instant: Date) -> String {
    let calendar = CoopCalendar.london
    let time = CoopCalendar.clockText(calendar.minuteOfDay(of: instant))
    let day = calendar.day(of: instant)
    return day == visit.day ? time : "\(day.longText), \(time)"
  }

  func what(_ e: RecordEntry) -> String {
    switch e.kind {
    case .checkIn: "Arrived"
    case .checkOut: "Left"
    case .task:
      (e.task.map(\.label.capitalizedFirst) ?? "A task")
        + (e.outcome == .done ? ": done" : ": not done")
    case .note: e.isPersonalCare ? "Note (personal care)" : "Note"
    case .wellbeing:
      "How \(first) was: \(e.wellbeing ?? 0) out of 5" + (e.text.isEmpty ? "" : ", in their words: “\(e.text)”")
    case .leaving: "When I left"
    case .medicine:
      e.medicine.map { dose in
        "\(model.medicineName(dose.medicineID)) "
          + (dose.doseAt.map { "(\(CoopCalendar.clockText($0)))" } ?? "(when needed)")
          + ": \(dose.outcome.label.lowercased())"
      } ?? "Medicine"
    case .safety:
      "Safety: water \(e.waterInReach == true ? "in reach" : "not in reach"), pendant "
        + (e.pendantInReach == true ? "in reach" : "not in reach")
    }
  }
}
