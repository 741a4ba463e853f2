import CareCore
import Plot

/// Concerns and feedback month by month, in numbers only: the concerns page shows the year (newest first), the
/// figures page the last three months (this month last).
struct ConcernTrendTable {
  let months: [ConcernTrend.Month]
  let caption: String

  var body: Node<HTML.BodyContext> {
    .table(
      .caption(.text(caption)),
      .thead(
        .tr(
          .th("Month"), .th("Concerns"), .th("Suggestions"), .th("Compliments"),
          .th("Acknowledged within \(ConcernState.acknowledged.promisedDays!) days"), .th("Outcomes given"),
          .th("Days to an outcome (mean)"))),
      .tbody(
        .forEach(months) { month in
          .tr(
            .th(.attribute(named: "scope", value: "row"), .text(month.first.monthText)),
            .td(.text("\(month.raised[.concern] ?? 0)")), .td(.text("\(month.raised[.suggestion] ?? 0)")),
            .td(.text("\(month.raised[.compliment] ?? 0)")), .td(.text("\(month.acknowledgedInTime)")),
            .td(.text("\(month.outcomes)")), .td(.text(month.meanDaysToOutcome.map(String.init) ?? "—")))
        }))
  }
}
