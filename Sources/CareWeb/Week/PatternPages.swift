import CareCases
import CareCore
import Plot

/// The person's support pattern in plain words: the visits in effect, changes waiting for the person's
/// answer (agree / do not agree), earlier versions with who proposed and who answered, and their home.
struct PatternPage: PageView {
  let layout: Layout
  let model: PatternModel
  var errors: [FieldError] = []

  var name: String { model.team.personAccount.name }
  var personID: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(errors),
      .h1(.text("\(name)'s visits")),
      .p(
        .class("lead"),
        .text(
          "The visits \(name) wants each week, and the workers they choose. Anyone in the team may propose a "
            + "change; it counts only when \(name) (or the person who arranges their care) agrees.")),
      .section(
        .attribute(named: "aria-labelledby", value: "now-title"),
        .h2(.id("now-title"), "Now"),
        .unwrap(model.inEffect, { describe($0) }, else: .p("No visits are agreed yet.")),
        .unwrap(model.hours?.words) { .p(.class("notice"), .text($0)) }),
      .if(
        !model.waiting.isEmpty,
        .section(
          .attribute(named: "aria-labelledby", value: "waiting-title"),
          .h2(.id("waiting-title"), "Waiting for an answer"),
          .forEach(model.waiting) { version in
            .div(
              .class("card"),
              .h3(.text("Change \(version.version), from \(version.effectiveFrom.longText)")),
              .p(.text("Proposed by \(model.name(version.proposedBy)).")),
              teamDecisionLine(model.decisions[version.id.rawValue], person: model.team.person.id),
              describe(version),
              .if(
                model.mayAnswer,
                .form(
                  .action(SiteURL.teamPatternAnswer(.value(personID), .value(version.id)).path), .method(.post),
                  Forms.csrf(layout.csrf),
                  .button(.type(.submit), .name("answer"), .value("agree"), .class("button"), "Agree"),
                  .text(" "),
                  .button(
                    .type(.submit), .name("answer"), .value("decline"), .class("button secondary"), "Do not agree"))
              ))
          })),
      .if(
        model.mayPropose,
        .p(.a(.class("button secondary"), .href(SiteURL.teamPatternNew(.value(personID)).path), "Propose a change"))),
      .section(
        .attribute(named: "aria-labelledby", value: "home-title"),
        .h2(.id("home-title"), "Home"),
        .unwrap(
          model.home,
          { home in
            .group(
              .p(.text("\(home.address), \(home.postcode)")),
              .p(
                .text(
                  (home.hasPets ? "There are pets. " : "No pets. ")
                    + (home.someoneSmokes ? "Someone smokes." : "Nobody smokes."))))
          }, else: .p("No address yet: the rota cannot plan visits until there is one.")),
        .if(
          model.mayChangeHome,
          .p(.a(.href(SiteURL.teamHome(.value(personID)).path), "Change the home")))),
      .if(
        model.versions.count > model.waiting.count + (model.inEffect == nil ? 0 : 1),
        .section(
          .attribute(named: "aria-labelledby", value: "history-title"),
          .h2(.id("history-title"), "Earlier versions"),
          .ul(
            .forEach(model.versions.filter { $0.status != .proposed && $0.id != model.inEffect?.id }) { v in
              .li(
                .text(
                  "Version \(v.version), from \(v.effectiveFrom.longText): proposed by \(model.name(v.proposedBy)), "
                    + (v.status == .agreed ? "agreed" : "not agreed")
                    + (v.answeredBy.map { " by \(model.name($0))" } ?? "")))
            }))),
      .p(.a(.href(SiteURL.team(.value(personID)).path), "Back to the team")))
  }

  func describe(_ version: PatternVersion) -> Node<HTML.BodyContext> {
    let p = version.pattern
    return .group(
      .ul(
        .class("visits"),
        .forEach(p.visits) { v in
          .li(.text(PatternForm.sentence(v)))
        }),
      .p(.text("Chosen workers: " + (p.chosen.isEmpty ? "none" : p.chosen.map(model.name).joined(separator: ", ")))),
      .p(.text("Backup: " + (p.backup.map(model.name) ?? "none"))),
      .if(
        !p.declined.isEmpty, .p(.text("Not to come: " + p.declined.map(model.name).sorted().joined(separator: ", ")))),
      .p(
        .text(
          p.flexibility == 0
            ? "Visits keep to their times."
            : "Up to \(Minutes(p.flexibility).spoken) later is fine to keep a chosen worker.")))
  }
}

/// The form proposing a change: each visit (days, time, length, window, what for, one worker or two), the
/// chosen workers in order, the backup, workers not to come, flexibility, and the day it starts.
struct PatternFormPage: PageView {
  let layout: Layout
  let model: PatternModel
  let state: FormState
  let rows: Int

  var personID: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text("Propose a change to \(model.team.personAccount.name)'s visits")),
      .p(
        .class("lead"),
        .text(
          "It counts only when \(model.team.personAccount.name) (or the person who arranges their care) agrees. "
            + "Leave a visit's days empty to take it out.")),
      .form(
        .action(SiteURL.teamPatternNew(.value(personID)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        .input(.type(.hidden), .name("rows"), .value(String(rows))),
        .forEach(0..<rows) { visitFields($0) },
        workerFields,
        Forms.text(
          "flexibility", label: "Minutes later that are fine to keep a chosen worker", hint: "0 to 180",
          state: state, width: "short"),
        Forms.date("from", legend: "Starts on", hint: "For example, 14 12 2026", state: state),
        Forms.submit("Propose this change")),
      .p(.a(.href(SiteURL.teamPattern(.value(personID)).path), "Back without proposing")))
  }

  func visitFields(_ i: Int) -> Node<HTML.FormContext> {
    let k = "v\(i)"
    let days: Node<HTML.FormContext> = .fieldset(
      .element(named: "legend", nodes: [.text("Days")]),
      .forEach(Weekday.allCases) { d in
        Forms.checkbox("\(k)-day-\(d.rawValue)", label: d.name, hint: nil, state: state)
      })
    let tasks: Node<HTML.FormContext> = .fieldset(
      .element(named: "legend", nodes: [.text("What for")]),
      .forEach(VisitTask.allCases) { t in
        Forms.checkbox("\(k)-task-\(t.rawValue)", label: ConsentPage.capitalised(t.label), hint: nil, state: state)
      })
    let times: Node<HTML.FormContext> = .group(
      Forms.text("\(k)-start", label: "Starts at", hint: "Like 08:00", state: state, width: "short"),
      Forms.text("\(k)-length", label: "Minutes long", state: state, width: "short"),
      Forms.text(
        "\(k)-window", label: "Minutes later that are still on time", hint: "0 to 180", state: state, width: "short"))
    let workers: Node<HTML.FormContext> = .group(
      Forms.radios(
        "\(k)-workers", legend: "Workers", options: [("1", "One worker", nil), ("2", "Two workers", nil)],
        state: state),
      Forms.checkbox(
        "\(k)-after", label: "Two workers one after the other (not together)", hint: nil, state: state))
    return .fieldset(
      .class("card"),
      .element(named: "legend", nodes: [.text("Visit \(i + 1)")]),
      days, times, tasks, workers)
  }

  var workerFields: Node<HTML.FormContext> {
    let none: [(value: String, label: String, hint: String?)] = [("", "Nobody", nil)]
    let options = none + model.workers.map { ($0.id.description, $0.name, nil) }
    return .group(
      Forms.radios("chosen1", legend: "First choice of worker", options: options, state: state),
      Forms.radios("chosen2", legend: "Second choice", options: options, state: state),
      Forms.radios("chosen3", legend: "Third choice", options: options, state: state),
      Forms.radios("backup", legend: "Backup worker", options: options, state: state),
      .fieldset(
        .element(named: "legend", nodes: [.text("Workers not to come")]),
        .forEach(model.workers) { w in
          Forms.checkbox("declined-\(w.id)", label: w.name, hint: nil, state: state)
        }))
  }
}

/// The person's home: address, postcode, map position, pets and smoking.
struct PersonHomePage: PageView {
  let layout: Layout
  let model: PatternModel
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text("\(model.team.personAccount.name)'s home")),
      .form(
        .action(SiteURL.teamHome(.value(model.team.person.id)).path), .method(.post),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.textarea("address", label: "Address", state: state),
        Forms.text("postcode", label: "Postcode", state: state, width: "short"),
        .fieldset(
          .element(named: "legend", nodes: [.text("Map position")]),
          .p(
            .class("hint"),
            .text("Latitude and longitude, like 53.742 and -2.014. The rota uses it to time journeys.")),
          Forms.text("latitude", label: "Latitude", state: state, width: "short"),
          Forms.text("longitude", label: "Longitude", state: state, width: "short")),
        Forms.checkbox("pets", label: "There are pets", hint: nil, state: state),
        Forms.checkbox("smoking", label: "Someone smokes", hint: nil, state: state),
        Forms.submit("Save the home")),
      .p(.a(.href(SiteURL.teamPattern(.value(model.team.person.id)).path), "Back without saving")))
  }
}

/// The pattern and home forms' fields to and from the domain's values.
enum PatternForm {
  static func sentence(_ v: VisitPattern) -> String {
    let days =
      v.days.count == 7 ? "Every day" : v.days.sorted().map(\.name).joined(separator: ", ")
    let who = v.workers == 2 ? (v.together ? ", two workers together" : ", two workers one after the other") : ""
    return "\(days): \(CoopCalendar.clockText(v.start)) for \(Minutes(v.length).spoken)"
      + (v.window > 0 ? " (up to \(Minutes(v.window).spoken) later is on time)" : "")
      + ", for \(v.tasks.sorted().map(\.label).joined(separator: ", "))\(who)"
  }

  /// The form for a new version: the pattern in effect, or for a first one the co-op's default flexibility.
  static func state(_ pattern: SupportPattern?, from: Day, flexibility: Int = 0) -> (FormState, Int) {
    var values: [String: String] = ["from": from.iso, "flexibility": String(pattern?.flexibility ?? flexibility)]
    let visits = pattern?.visits ?? []
    for (i, v) in visits.enumerated() {
      let k = "v\(i)"
      for d in v.days { values["\(k)-day-\(d.rawValue)"] = "true" }
      for t in v.tasks { values["\(k)-task-\(t.rawValue)"] = "true" }
      values["\(k)-start"] = CoopCalendar.clockText(v.start)
      values["\(k)-length"] = String(v.length)
      values["\(k)-window"] = String(v.window)
      values["\(k)-workers"] = String(v.workers)
      if v.workers == 2 && !v.together { values["\(k)-after"] = "true" }
    }
    let rows = visits.count + 1
    values["v\(visits.count)-workers"] = "1"
    values["v\(visits.count)-window"] = "15"
    if let pattern {
      for (n, id) in pattern.chosen.prefix(3).enumerated() { values["chosen\(n + 1)"] = id.description }
      values["backup"] = pattern.backup?.description ?? ""
      for id in pattern.declined { values["declined-\(id)"] = "true" }
    }
    return (FormState(values: values), rows)
  }

  /// How many visit rows the posted form had (at most 12).
  static func rows(_ state: FormState) -> Int { min(12, max(1, Int(state["rows"]) ?? 1)) }

  static func pattern(_ state: FormState, workers: [Account]) throws(CareError) -> (SupportPattern, Day) {
    var problems: [FieldError] = []
    var visits: [VisitPattern] = []
    var rowOf: [Int] = []
    for i in 0..<rows(state) {
      let k = "v\(i)"
      let days = Set(Weekday.allCases.filter { state["\(k)-day-\($0.rawValue)"] == "true" })
      if days.isEmpty { continue }  // an empty row, or one taken out
      let start = try? DTO.minuteOfDay(state["\(k)-start"])
      let length = Int(state["\(k)-length"].trimmingCharacters(in: .whitespaces))
      let window = Int(state["\(k)-window"].trimmingCharacters(in: .whitespaces))
      if start == nil { problems.append(FieldError("\(k)-start", "Visit \(i + 1): give the start like 08:00")) }
      if length == nil { problems.append(FieldError("\(k)-length", "Visit \(i + 1): give the length in minutes")) }
      if window == nil {
        problems.append(FieldError("\(k)-window", "Visit \(i + 1): give the minutes later that are on time"))
      }
      guard let start, let length, let window else { continue }
      visits.append(
        VisitPattern(
          days: days, start: start, window: window, length: length,
          tasks: Set(VisitTask.allCases.filter { state["\(k)-task-\($0.rawValue)"] == "true" }),
          workers: state["\(k)-workers"] == "2" ? 2 : 1, together: state["\(k)-after"] != "true"))
      rowOf.append(i)
    }
    let flexibility = Int(state["flexibility"].trimmingCharacters(in: .whitespaces))
    if flexibility == nil { problems.append(FieldError("flexibility", "Give the minutes as a whole number")) }
    let from = Day(iso: state["from"])
    if from == nil { problems.append(FieldError("from", "Give the day it starts as day, month and year")) }
    let known = Set(workers.map(\.id))
    let pick = { (field: String) -> ID<Account>? in
      ID<Account>(string: state[field]).flatMap { known.contains($0) ? $0 : nil }
    }
    let chosen = ["chosen1", "chosen2", "chosen3"].compactMap(pick)
    let pattern = SupportPattern(
      visits: visits, flexibility: flexibility ?? 0, chosen: chosen,
      declined: Set(workers.map(\.id).filter { state["declined-\($0)"] == "true" }), backup: pick("backup"))
    // The pattern's own rules, each on its row's field.
    for error in pattern.problems {
      problems.append(field(error, rows: rowOf))
    }
    guard problems.isEmpty, let from else { throw .invalid(problems) }
    return (pattern, from)
  }

  /// `visits[2].length` → the form's `v<row>-length` (rows taken out shift the numbering).
  static func field(_ error: FieldError, rows: [Int]) -> FieldError {
    let name = error.field
    guard name.hasPrefix("visits["), let close = name.firstIndex(of: "]"),
      let n = Int(name[name.index(name.startIndex, offsetBy: 7)..<close]), rows.indices.contains(n)
    else {
      return name == "visits"
        ? FieldError("v0-day-0", error.message) : FieldError(name == "chosen" ? "chosen1" : name, error.message)
    }
    let part = name[name.index(after: close)...].dropFirst()
    let field: String =
      switch part {
      case "days": "v\(rows[n])-day-0"
      case "tasks": "v\(rows[n])-task-\(VisitTask.allCases.sorted()[0].rawValue)"
      case "workers": "v\(rows[n])-workers"
      case "start", "length", "window": "v\(rows[n])-\(part)"
      default: "v\(rows[n])-start"
      }
    return FieldError(field, error.message)
  }

  static func homeState(_ home: Home?) -> FormState {
    guard let home else { return FormState() }
    var values = [
      "address": home.address, "postcode": home.postcode, "latitude": String(home.position.latitude),
      "longitude": String(home.position.longitude),
    ]
    if home.hasPets { values["pets"] = "true" }
    if home.someoneSmokes { values["smoking"] = "true" }
    return FormState(values: values)
  }

  static func home(_ state: FormState) throws(CareError) -> Home {
    var problems: [FieldError] = []
    let address = state["address"].trimmingCharacters(in: .whitespacesAndNewlines)
    let postcode = state["postcode"].trimmingCharacters(in: .whitespaces)
    if address.isEmpty { problems.append(FieldError("address", "Give the address")) }
    if postcode.isEmpty { problems.append(FieldError("postcode", "Give the postcode")) }
    let position = ConsentForm.position(state, problems: &problems)
    guard problems.isEmpty, let position else { throw .invalid(problems) }
    return Home(
      address: address, postcode: postcode, position: position, hasPets: state["pets"] == "true",
      someoneSmokes: state["smoking"] == "true")
  }
}
