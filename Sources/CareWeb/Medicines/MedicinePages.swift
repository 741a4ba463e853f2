import CareCases
import CareCore
import Plot

/// The person's medicines in plain words: what they take now, changes waiting for their answer, and the
/// history of each; links to add one, change one, and the chart.
struct MedicinesPage: PageView {
  let layout: Layout
  let model: MedicinesModel
  var errors: [FieldError] = []

  var name: String { model.personName }
  var personID: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(errors),
      .h1(.text("\(name)'s medicines")),
      .p(
        .class("lead"),
        .text(
          "What \(name) takes, how and when. Anyone in the team may propose a change; it counts only when "
            + "\(name) (or the person who arranges their care) agrees.")),
      .p(.a(.href(SiteURL.teamMedicineChart(.value(personID)).path), "The medicine chart for the last four weeks")),
      .section(
        .attribute(named: "aria-labelledby", value: "now-title"),
        .h2(.id("now-title"), "Now"),
        model.list.current.isEmpty
          ? .p("No medicines are on the list.")
          : .ul(.class("medicines"), .forEach(model.list.current) { v in .li(describe(v, change: true)) })),
      .if(
        !model.list.waiting.isEmpty,
        .section(
          .attribute(named: "aria-labelledby", value: "waiting-title"),
          .h2(.id("waiting-title"), "Waiting for an answer"),
          .forEach(model.list.waiting) { v in
            .div(
              .class("card"),
              .h3(
                .text(
                  v.stops
                    ? "Stop \(v.details.name)" : v.version == 1 ? "Add \(v.details.name)" : "Change \(v.details.name)")),
              .p(.text("Proposed by \(model.name(v.proposedBy))." + (v.reason.isEmpty ? "" : " Why: \(v.reason)"))),
              .if(!v.stops, describe(v, change: false)),
              .if(
                model.mayAnswer,
                .form(
                  .action(SiteURL.teamMedicineAnswer(.value(personID), .value(v.id)).path), .method(.post),
                  Forms.csrf(layout.csrf),
                  .button(.type(.submit), .name("answer"), .value("agree"), .class("button"), "Agree"),
                  .text(" "),
                  .button(
                    .type(.submit), .name("answer"), .value("decline"), .class("button secondary"), "Do not agree"))))
          })),
      .if(
        model.mayPropose,
        .p(.a(.class("button secondary"), .href(SiteURL.teamMedicineNew(.value(personID)).path), "Add a medicine"))),
      .if(
        model.list.versions.count > model.list.current.count + model.list.waiting.count,
        .section(
          .attribute(named: "aria-labelledby", value: "history-title"),
          .h2(.id("history-title"), "Earlier changes"),
          .ul(
            .forEach(model.list.versions.filter { v in v.status != .proposed && !model.list.current.contains(v) }) {
              v in
              .li(
                .text(
                  "\(v.details.name), version \(v.version)\(v.stops ? " (stopped)" : ""): proposed by "
                    + "\(model.name(v.proposedBy)), " + (v.status == .agreed ? "agreed" : "not agreed")
                    + (v.answeredBy.map { " by \(model.name($0))" } ?? "") + "."))
            })))
    )
  }

  func describe(_ v: MedicineVersion, change: Bool) -> Node<HTML.BodyContext> {
    let d = v.details
    return .div(
      .class("medicine"),
      .p(.strong(.text(d.name)), .text(" — \(d.summary).")),
      .p(.text("For: \(d.purpose). \(d.givenBy.label).")),
      .if(!d.instructions.isEmpty, .p(.text("Remember: \(d.instructions)"))),
      .if(
        change && model.mayPropose,
        .p(
          .a(
            .href(SiteURL.teamMedicineChange(.value(personID), .value(v.medicineID)).path),
            .text("Change or stop \(d.name)")))))
  }
}

/// The form for a new medicine, or a change or stop of one (then a reason is asked).
struct MedicineFormPage: PageView {
  let layout: Layout
  let team: Team
  let current: MedicineVersion?
  let state: FormState

  var personID: ID<Person> { team.person.id }

  var body: Node<HTML.BodyContext> {
    let action =
      current.map { SiteURL.teamMedicineChange(.value(personID), .value($0.medicineID)) }
      ?? .teamMedicineNew(.value(personID))
    return .group(
      Forms.errorSummary(state.errors),
      .h1(.text(layout.title)),
      .p(
        .text(
          "It counts when \(team.personAccount.name) (or the person who arranges their care) agrees. "
            + "Copy the words from the pharmacy label.")),
      .form(
        .action(action.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.text("name", label: "Medicine", hint: "For example, Paracetamol", state: state),
        Forms.text("dose", label: "Dose", hint: "For example, 500 mg, 2 tablets", state: state),
        Forms.radios(
          "route", legend: "How is it taken?",
          options: MedicineRoute.allCases.map {
            ($0.rawValue, $0.label.capitalizedFirst, nil)
          },
          state: state),
        Forms.text(
          "times", label: "Times of day", hint: "For example, 08:00, 20:00. Leave empty if only when needed.",
          state: state, width: "w10"),
        Forms.checkbox("asNeeded", label: "Also when needed", hint: "For pain, for example.", state: state),
        Forms.text("purpose", label: "What is it for?", state: state),
        Forms.radios(
          "givenBy", legend: "Who gives it?",
          options: MedicineGiver.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        Forms.textarea(
          "instructions", label: "Anything to remember (optional)", hint: "For example, with food", state: state),
        .if(
          current != nil,
          .group(
            Forms.checkbox(
              "stops", label: "Stop this medicine", hint: "It comes off the list once agreed.", state: state),
            Forms.textarea("reason", label: "Why the change?", state: state))),
        Forms.submit(current == nil ? "Add the medicine" : "Propose the change")))
  }
}

/// The medicine chart (MAR) for 28 days: a table a row per dose time, a column per day, printable on A4
/// landscape; the letters explained above it and the reasons written under it.
struct MedicineChartPage: PageView {
  let layout: Layout
  let model: MedicineChartModel

  var personID: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    let chart = model.chart
    return .group(
      .h1(.text("\(model.personName)'s medicine chart")),
      .p(.class("lead"), .text("\(model.from.longText) to \(model.through.longText).")),
      .nav(
        .attribute(named: "aria-label", value: "Other weeks"),
        .ul(
          .class("inline-list"),
          .li(
            .a(
              .href(SiteURL.teamMedicineChart(.value(personID), from: model.from.adding(days: -MARChart.length)).path),
              "The four weeks before")),
          .li(
            .a(
              .href(SiteURL.teamMedicineChart(.value(personID), from: model.from.adding(days: MARChart.length)).path),
              "The four weeks after")),
          .li(.a(.href(SiteURL.teamMedicines(.value(personID)).path), "The medicines")))),
      .p(
        .text(
          "G given, R refused, N not needed, M missed, ? due at a visit and not written down, – not due at a visit.")),
      chart.rows.isEmpty ? .p("No medicines in these four weeks.") : table,
      reasons
    )
  }

  var table: Node<HTML.BodyContext> {
    let chart = model.chart
    let head: Node<HTML.TableContext> = .thead(
      .tr(
        .th(.attribute(named: "scope", value: "col"), "Medicine and time"),
        .forEach(chart.days) { day in
          .th(.attribute(named: "scope", value: "col"), .abbr(.title(day.longText), .text(Self.short(day))))
        }))
    let rows: Node<HTML.TableContext> = .tbody(.forEach(chart.rows) { row in self.row(row) })
    return .div(
      .class("chart-scroll"), .attribute(named: "tabindex", value: "0"),
      .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: "The chart"),
      .table(
        .class("mar"),
        .caption(.text("Doses written at visits, \(model.from.longText) to \(model.through.longText)")),
        head, rows))
  }

  func row(_ row: MARChart.Row) -> Node<HTML.TableContext> {
    let label = "\(row.details.name) \(row.details.dose), " + (row.doseAt.map(CoopCalendar.clockText) ?? "when needed")
    let cells: [(Day, MARChart.Mark)] = Array(zip(model.chart.days, row.marks))
    return .tr(
      .th(.attribute(named: "scope", value: "row"), .text(label)),
      .forEach(cells) { pair in
        let (day, mark) = pair
        let cell: Node<HTML.TableRowContext> = .td(
          .class(mark.style), .attribute(named: "aria-label", value: "\(day.longText): \(mark.spoken)"),
          .text(mark.letter))
        return cell
      })
  }

  var reasons: Node<HTML.BodyContext> {
    let lines: [String] = model.chart.rows.flatMap { row in
      row.reasons.map { reason in
        "\(reason.day.longText), \(row.details.name)" + (row.doseAt.map { " at \(CoopCalendar.clockText($0))" } ?? "")
          + ": \(reason.outcome.label.lowercased()). \(reason.text)"
      }
    }
    guard !lines.isEmpty else { return .empty }
    return .section(
      .attribute(named: "aria-labelledby", value: "why-title"),
      .h2(.id("why-title"), "Why doses were not given"),
      .ul(.forEach(lines) { .li(.text($0)) }))
  }
}

extension MedicineChartPage {
  /// "Mo 2": the column heading (the whole day is in its title and each cell's label).
  static func short(_ day: Day) -> String {
    let monday = CoopCalendar.london.weekStart(of: day)
    let index = (0..<7).first { monday.adding(days: $0) == day } ?? 0
    return String(Weekday(rawValue: index)!.name.prefix(2)) + " \(day.day)"
  }
}

extension MARChart.Mark {
  var letter: String {
    switch self {
    case .recorded(let outcomes): outcomes.map(\.code).joined(separator: " ")
    case .notRecorded: "?"
    case .notDue: "–"
    case .later: ""
    }
  }

  var spoken: String {
    switch self {
    case .recorded(let outcomes): outcomes.map(\.label).joined(separator: ", then ")
    case .notRecorded: "due, not written down"
    case .notDue: "not due at a visit"
    case .later: "still to come"
    }
  }

  var style: String {
    switch self {
    case .recorded(let outcomes): outcomes.contains { $0.tellsTheTeam } ? "mark-warning" : "mark-given"
    case .notRecorded: "mark-warning"
    case .notDue, .later: "mark-none"
    }
  }
}
