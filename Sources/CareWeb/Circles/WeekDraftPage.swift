import CareCases
import CareCore
import CareRota
import Foundation
import Plot

/// The rota keeper's draft of a circle's week: who is not ready, visits nobody can take and why, each
/// person's figures, then the week day by day.
struct WeekDraftPage: PageView {
  let layout: Layout
  let model: WeekDraftModel

  func name(_ id: UUID) -> String { model.names[id] ?? "someone" }

  func table(_ label: String, head: [String], rows: [[String]]) -> Node<HTML.BodyContext> {
    .div(
      .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: label),
      .attribute(named: "tabindex", value: "0"),
      .table(
        .caption(.class("visually-hidden"), .text(label)),
        .thead(.tr(.forEach(head) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
        .tbody(.forEach(rows) { row in .tr(.forEach(row) { .td(.text($0)) }) })))
  }

  var body: Node<HTML.BodyContext> {
    let planned = model.planned
    let circle = model.circle
    let weekPath = SiteURL.circleWeek(.value(circle.id)).path
    return .group(
      .h1(.text("\(circle.name): the week from \(model.monday.longText)")),
      .p(
        .text(
          "A draft made by the rota engine from everyone's agreed visits, choices and zones of consent. "
            + "Nobody else sees it yet.")),
      .p(
        .a(.href(weekPath + "?week=" + model.monday.adding(days: -7).iso), "Week before"), " · ",
        .a(.href(weekPath + "?week=" + model.monday.adding(days: 7).iso), "Week after")),
      .if(
        !model.notReady.isEmpty,
        .div(
          .class("warning"), .attribute(named: "role", value: "status"),
          .h2("Not planned yet"),
          .ul(.forEach(model.notReady) { .li(.text($0)) }))),
      .h2(.text("Visits nobody can take (\(planned.unfilled.count))")),
      planned.unfilled.isEmpty
        ? .p("Every visit has a worker.")
        : .ul(
          .forEach(planned.unfilled) { visit in
            .li(
              .text(
                "\(name(visit.person.rawValue)), \(visit.day.longText) at \(CoopCalendar.clockText(visit.start)): "),
              .text(visit.reasons.joined(separator: "; ")))
          }),
      .h2("Each person's week"),
      .p(
        .text(
          "\(Int((planned.shareWithinChoice * 100).rounded())) % of people see only the workers they chose and their "
            + "backup. Travel between visits: \(Minutes(planned.travelMinutes).spoken).")),
      table(
        "Each person's week",
        head: ["Person", "Visits", "Workers they will see", "By workers they chose", "Later than agreed"],
        rows: planned.figures.map { f in
          [
            name(f.person.rawValue), "\(f.visits)", f.workers.map { name($0.rawValue) }.joined(separator: ", "),
            "\(Int((f.withChosenShare * 100).rounded())) %", Minutes(f.minutesLate).spoken,
          ]
        }),
      .h2("Day by day"),
      .forEach(Weekday.allCases) { weekday in
        let day = model.monday.adding(days: weekday.rawValue)
        let visits = planned.visits.filter {
          $0.day == day && ($0.partner == nil || $0.worker.description < $0.partner!.description)
        }
        return .group(
          .h3(.text(day.longText)),
          visits.isEmpty
            ? .p("No visits.")
            : table(
              "Visits on \(day.longText)", head: ["Time", "Person", "Worker"],
              rows: visits.map { v in
                [
                  CoopCalendar.clockText(v.start) + "–" + CoopCalendar.clockText(v.start + v.length),
                  name(v.person.rawValue),
                  name(v.worker.rawValue) + (v.partner.map { " and " + name($0.rawValue) } ?? ""),
                ]
              }))
      }
    )
  }
}
