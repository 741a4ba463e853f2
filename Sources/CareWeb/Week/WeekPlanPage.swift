import CareCases
import CareCore
import Foundation
import Plot

/// A table in a scrollable, labelled region (wide tables scroll on their own at 320 px, not the page).
func dataTable(_ label: String, head: [String], rows: [[String]]) -> Node<HTML.BodyContext> {
  .div(
    .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: label),
    .attribute(named: "tabindex", value: "0"),
    .table(
      .caption(.class("visually-hidden"), .text(label)),
      .thead(.tr(.forEach(head) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
      .tbody(.forEach(rows) { row in .tr(.forEach(row) { .td(.text($0)) }) })))
}

/// "08:00 to 08:45".
func timeSpan(_ start: Int, _ end: Int) -> String {
  CoopCalendar.clockText(start) + " to " + CoopCalendar.clockText(end)
}

/// Links to the week before and after.
func weekNavigation(_ monday: Day, _ link: (Day) -> SiteURL) -> Node<HTML.BodyContext> {
  .nav(
    .attribute(named: "aria-label", value: "Other weeks"),
    .ul(
      .class("inline-list"),
      .li(.a(.href(link(monday.adding(days: -7)).path), "Week before")),
      .li(.a(.href(link(monday.adding(days: 7)).path), "Week after"))))
}

/// The rota keeper's week: plan it with the engine (with its progress, and a way to stop it), read the
/// draft's figures and what it changes, publish it; and the published week.
struct WeekPlanPage: PageView {
  let layout: Layout
  let model: WeekPlanModel
  let errors: [FieldError]

  var circleID: ID<Circle> { model.circle.id }

  func hidden(_ name: String, _ value: String) -> Node<HTML.FormContext> {
    .input(.type(.hidden), .name(name), .value(value))
  }

  func form(_ url: SiteURL, _ label: String, fields: [Node<HTML.FormContext>] = []) -> Node<HTML.BodyContext> {
    .form(
      .action(url.path), .method(.post), Forms.csrf(layout.csrf), hidden("week", model.monday.iso), .group(fields),
      .button(.type(.submit), .class("button"), .text(label)))
  }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(errors),
      .h1(.text("\(model.circle.name): the week from \(model.monday.longText)")),
      weekNavigation(model.monday) { .circleWeek(.value(circleID), week: $0) },
      .if(
        !model.notReady.isEmpty,
        .div(
          .class("warning"), .h2("Not ready to be planned"),
          .p("These are left out of any plan until they are ready:"),
          .ul(.forEach(model.notReady) { .li(.text($0)) }))),
      coverSection(model),
      planning,
      .unwrap(model.shown) { shown in shown.state == .planning ? .empty : week(shown) },
      versions
    )
  }

  /// The engine at work, or the button that starts it.
  var planning: Node<HTML.BodyContext> {
    let latest = model.versions.first
    if let latest, latest.state == .planning {
      let percent = Int((latest.progress.fraction * 100).rounded())
      return .section(
        .id("week"), .attribute(named: "aria-labelledby", value: "planning-title"),
        .h2(.id("planning-title"), .text("The rota engine is planning version \(latest.number)")),
        .p(
          .text(
            "It tries many thousands of plans, keeping people with the workers they chose, and stops by itself "
              + "when its time is up. You can leave this page and come back.")),
        .label(.for("plan-progress"), "How far it has got"),
        .element(
          named: "progress",
          nodes: [
            .id("plan-progress"), .attribute(named: "max", value: "100"),
            .attribute(named: "value", value: "\(percent)"),
            .text("\(percent) %"),
          ]),
        .p(
          .id("plan-status"), .attribute(named: "role", value: "status"),
          .attribute(
            named: "data-progress-url", value: SiteURL.circleWeekProgress(.value(circleID), week: model.monday).path),
          .text("\(percent) % done after \(Int(latest.progress.seconds)) seconds.")),
        .p(
          .a(.href(SiteURL.circleWeek(.value(circleID), week: model.monday).path), "Refresh to see how far it has got")),
        form(.circleWeekStop(.value(circleID)), "Stop planning"))
    }
    return .section(
      .id("week"), .attribute(named: "aria-labelledby", value: "plan-title"),
      .h2(.id("plan-title"), model.shown == nil ? "Plan this week" : "Plan this week again"),
      .unwrap(model.endedWithoutPlan) { ended in
        .p(
          .class("notice"),
          .text("Version \(ended.number) has no plan: \(ended.problem ?? "it was stopped before it finished").")
        )
      },
      .p(
        .text(
          "The rota engine plans every agreed visit of the week from people's choices and workers' zones of consent. "
            + "Nobody else sees the plan until you publish it.")),
      form(.circleWeekPlan(.value(circleID)), model.shown == nil ? "Plan this week" : "Plan again"))
  }

  func week(_ shown: RotaWeek) -> Node<HTML.BodyContext> {
    let figures = shown.figures
    return .section(
      .attribute(named: "aria-labelledby", value: "shown-title"),
      .h2(
        .id("shown-title"),
        .text(
          shown.state == .published ? "The published week (version \(shown.number))" : "Draft version \(shown.number)")),
      shown.state == .published
        ? .p(
          .text(
            "Published \(shown.publishedAt.map { CoopCalendar.london.day(of: $0).longText } ?? ""). Everyone on it can see it."
          ))
        : .group(
          .p(.text("Not published yet: only rota keepers see it.")),
          .unwrap(model.changes) { changes in
            .p(
              .text(
                changes.isEmpty
                  ? "It is the same as the published week."
                  : "Compared with the published week: \(changes.added) visits new, \(changes.removed) gone, "
                    + "\(changes.moved) with another worker or time. \(changes.people.count) people and "
                    + "\(changes.workers.count) workers will be told."))
          },
          .if(
            !model.overspending.isEmpty,
            .div(
              .class("notice warning"),
              .p(.text("This week gives some people more hours than are paid for and banked:")),
              .ul(
                .forEach(model.overspending) { h in
                  .li(
                    .text(
                      "\(model.name(h.person)): \(Minutes(h.planned).spoken) planned; \(Minutes(h.paidAWeek).spoken) "
                        + "paid for a week and \(Minutes(h.banked).spoken) banked."))
                }))),
          form(
            .circleWeekPublish(.value(circleID)), "Publish this week",
            fields: [hidden("version", shown.id.description), hidden("edits", "\(shown.edits)")])),
      .if(
        !model.hours.isEmpty,
        .group(
          .h3("Each person's hours this week"),
          dataTable(
            "Each person's hours this week",
            head: ["Person", "Planned", "Paid for a week", "Banked"],
            rows: model.hours.map { h in
              [
                model.name(h.person), Minutes(h.planned).spoken + (h.isOver ? " (more than they have)" : ""),
                Minutes(h.paidAWeek).spoken, Minutes(h.banked).spoken,
              ]
            }))),
      .unwrap(figures) { figures in
        .group(
          .h3(.text("Visits nobody can take (\(figures.unfilled.count))")),
          figures.unfilled.isEmpty
            ? .p("Every visit has a worker.")
            : .ul(
              .forEach(figures.unfilled) { visit in
                .li(
                  .text(
                    "\(model.name(visit.person)), \(visit.day.longText) at \(CoopCalendar.clockText(visit.start)): "
                      + visit.reasons.joined(separator: "; ")))
              }),
          .h3("Each person's week"),
          .p(
            .text(
              "\(Int((figures.shareWithinChoice * 100).rounded())) % of people see only the workers they chose and "
                + "their backup. Travel between visits: \(Minutes(figures.travelMinutes).spoken).")),
          dataTable(
            "Each person's week",
            head: ["Person", "Visits", "Workers they will see", "By workers they chose", "Later than agreed"],
            rows: figures.people.map { f in
              [
                model.name(f.person), "\(f.visits)", f.workers.map { model.name($0) }.joined(separator: ", "),
                "\(Int((f.withChosenShare * 100).rounded())) %", Minutes(f.minutesLate).spoken,
              ]
            }))
      },
      .h3("Day by day"),
      .forEach(0..<7) { n in
        let day = model.monday.adding(days: n)
        let visits = model.visits.filter { $0.day == day && $0.slot == 0 }
        return .group(
          .h4(.text(day.longText)),
          visits.isEmpty
            ? .p("No visits.")
            : visitTable(day, visits, changeable: shown.state == .draft))
      })
  }

  /// A day's visits; on a draft each can be changed (a two-worker visit by each of its workers).
  func visitTable(_ day: Day, _ visits: [RotaVisit], changeable: Bool) -> Node<HTML.BodyContext> {
    let label = "Visits on \(day.longText)"
    return .div(
      .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: label),
      .attribute(named: "tabindex", value: "0"),
      .table(
        .caption(.class("visually-hidden"), .text(label)),
        .thead(
          .tr(
            .th(.attribute(named: "scope", value: "col"), "Time"),
            .th(.attribute(named: "scope", value: "col"), "Person"),
            .th(.attribute(named: "scope", value: "col"), "Worker"),
            .if(changeable, .th(.attribute(named: "scope", value: "col"), "Change")))),
        .tbody(
          .forEach(visits) { v in
            let pair = model.visits.filter {
              $0.personID == v.personID && $0.pattern == v.pattern && $0.day == v.day
            }
            return .tr(
              .td(.text(timeSpan(v.start, v.end))), .td(.text(model.name(v.personID))),
              .td(.text(pair.map { model.name($0.workerID) }.joined(separator: " and "))),
              .if(
                changeable,
                .td(
                  .forEach(pair) { half in
                    .group(
                      .a(
                        .href(SiteURL.circleWeekVisit(.value(circleID), .value(half.id)).path),
                        .text(pair.count > 1 ? "Change \(model.name(half.workerID))'s part" : "Change"),
                        .span(
                          .class("visually-hidden"),
                          .text(" \(model.name(v.personID))'s visit at \(CoopCalendar.clockText(v.start))"))),
                      .text(" "))
                  })))
          })))
  }

  var versions: Node<HTML.BodyContext> {
    .if(
      !model.versions.isEmpty,
      .group(
        .h2("Every version of this week"),
        dataTable(
          "Every version of this week", head: ["Version", "State", "Started"],
          rows: model.versions.map { v in
            [
              "\(v.number)", Self.stateText(v.state),
              CoopCalendar.london.day(of: v.createdAt).longText + " "
                + CoopCalendar.clockText(CoopCalendar.london.minuteOfDay(of: v.createdAt)),
            ]
          })))
  }

  static func stateText(_ state: RotaWeek.State) -> String {
    switch state {
    case .planning: "being planned"
    case .draft: "draft"
    case .published: "published"
    case .cancelled: "stopped or replaced"
    case .failed: "could not be planned"
    }
  }
}
