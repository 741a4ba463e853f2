import CareCases
import CareCore
import Foundation
import Plot

/// Newest first: when, who, what they did, and whether they acted for the person.
struct WhoLookedPage: PageView {
  struct Row: Equatable {
    let when: String
    let who: String
    let what: String
  }

  let layout: Layout
  let heading: String
  let rows: [Row]
  var newer: SiteURL? = nil
  var older: SiteURL? = nil
  var page = 1

  /// The log lines in plain words. Someone acting for the person is named as such; an account since
  /// removed still shows as "someone no longer in the co-op" rather than vanishing from the record.
  /// `showsWhich`: the person and their arrangers (who may see all of it) also read which document, which
  /// part of the plan, which search.
  static func rows(_ events: [AuditEvent], names: [ID<Account>: String], person team: Team, showsWhich: Bool = false)
    -> [Row]
  {
    events.map { event in
      let who = event.actorID.map { names[$0] ?? "Someone no longer in the co-op" } ?? "The system"
      let forPerson = event.onBehalfOf == team.person.id ? " for \(team.personAccount.name)" : ""
      let which =
        showsWhich && ["document", "plan"].contains(event.action.capability) && !event.detail.isEmpty
        ? ": \(event.detail)" : ""
      return Row(when: ukTime(event.at), who: who, what: event.action.label + forPerson + which)
    }
  }

  /// "23 November 2026, 15:04", UK time, which is what members read their day in.
  static func ukTime(_ date: Date) -> String {
    let london = CoopCalendar.london
    return london.day(of: date).longText + ", " + CoopCalendar.clockText(london.minuteOfDay(of: date))
  }

  var body: Node<HTML.BodyContext> {
    .group(
      .h1(.text(heading)),
      .p("Every time someone sees or changes these things, it is written down here. Nobody can change this list."),
      .if(rows.isEmpty, .p("Nobody has looked yet.")),
      .if(
        !rows.isEmpty,
        .div(
          .class("table-wrap"), .attribute(named: "role", value: "region"),
          .attribute(named: "aria-label", value: "Who looked"), .attribute(named: "tabindex", value: "0"),
          .table(
            .caption(.text("Newest first, UK time")),
            .thead(.tr(.th("When"), .th("Who"), .th("What"))),
            .tbody(.forEach(rows) { row in .tr(.td(.text(row.when)), .td(.text(row.who)), .td(.text(row.what))) })
          ))),
      .if(
        newer != nil || older != nil,
        .nav(
          .class("pagination"), .attribute(named: "aria-label", value: "Pages of the list"),
          .p(.text("Page \(page)")),
          .ul(
            .class("list"),
            .unwrap(newer) { .li(.a(.href($0.path), "Newer lines")) },
            .unwrap(older) { .li(.a(.href($0.path), "Older lines")) }
          )))
    )
  }
}
