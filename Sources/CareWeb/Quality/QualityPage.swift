import CareCases
import CareCore
import Plot

/// How the co-op is doing: continuity week by week (how many different workers each person saw, and how many
/// of the workers sent were ones the person chose), and where the plan reviews stand. No names.
struct QualityPage: PageView {
  let layout: Layout
  let model: QualityModel

  /// "3", or "3.5" for a median between two.
  static func number(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }

  var body: Node<HTML.BodyContext> {
    .group(
      .h1("How the co-op is doing"),
      .p(
        .class("lead"),
        .text(
          "Figures from the co-op's own records, with no names: what the members check their co-op by, and "
            + "what it shows the regulator (CQC) and those who commission its care.")),
      continuity, reviews, concerns)
  }

  /// Concerns, suggestions and compliments over the last three months, in numbers; the year on the concerns page.
  var concerns: Node<HTML.BodyContext> {
    .if(
      !model.concerns.isEmpty,
      .section(
        .attribute(named: "aria-labelledby", value: "concerns-title"),
        .h2(.id("concerns-title"), "Concerns, suggestions and compliments"),
        .div(
          .class("table-wrap"), .attribute(named: "role", value: "region"),
          .attribute(named: "aria-label", value: "Concerns over the last three months"),
          .attribute(named: "tabindex", value: "0"),
          ConcernTrendTable(months: model.concerns, caption: "The last three months, this month last").body),
        .p(.a(.href(SiteURL.concerns.path), "Every month of the last year, and raising a concern"))))
  }

  /// The latest full week's headline, then every week in a table.
  var continuity: Node<HTML.BodyContext> {
    let lastWeek = model.weeks.dropLast().last
    return .section(
      .attribute(named: "aria-labelledby", value: "continuity-title"),
      .h2(.id("continuity-title"), "Who comes: the same few faces"),
      .p(
        .text(
          "Each person chooses who comes to them. These are the different workers each person saw in a week, "
            + "from the published weeks (covers included).")),
      .unwrap(lastWeek.flatMap { week in week.medianWorkers.map { (week, $0) } }) { week, median in
        .p(
          .class("notice"),
          .text(
            "Last week (from \(week.monday.longText)), half the \(week.people) "
              + "\(week.people == 1 ? "person" : "people") with visits saw \(Self.number(median)) or fewer "
              + "different workers"
              + (week.fromTheirTeamPercent.map { "; \($0)% of the workers sent were in the person's own team." }
                ?? ".")))
      },
      .div(
        .class("table-wrap"), .attribute(named: "role", value: "region"),
        .attribute(named: "aria-label", value: "Different workers each week"),
        .attribute(named: "tabindex", value: "0"),
        .table(
          .caption(.text("The last \(model.weeks.count) weeks, this week last (its later days may change)")),
          .thead(
            .tr(
              .th("Week from"), .th("People with visits"), .th("Visits"),
              .th("Different workers a person (the middle)"), .th("The most anyone saw"),
              .th("People who saw 4 or fewer"), .th("Workers sent from the person's team"))),
          .tbody(
            .forEach(model.weeks) { week in
              .tr(
                .th(.attribute(named: "scope", value: "row"), .text(week.monday.longText)),
                .td(.text(String(week.people))), .td(.text(String(week.visits))),
                .td(.text(week.medianWorkers.map(Self.number) ?? "–")),
                .td(.text(week.mostWorkers.map(String.init) ?? "–")),
                .td(.text(week.people == 0 ? "–" : "\(week.people(seeingAtMost: 4)) of \(week.people)")),
                .td(.text(week.fromTheirTeamPercent.map { "\($0)%" } ?? "–")))
            }))))
  }

  var reviews: Node<HTML.BodyContext> {
    let r = model.reviews
    return .section(
      .attribute(named: "aria-labelledby", value: "reviews-title"),
      .h2(.id("reviews-title"), "Plan reviews"),
      .p(.text("Each person's support plan is reviewed with them. Where the next reviews stand today:")),
      .ul(
        .class("bullets"),
        .li(.text("Overdue (the day has passed): \(r.overdue)")),
        .li(.text("Due in the next two weeks: \(r.dueSoon)")),
        .li(.text("Due later: \(r.later)")),
        .li(.text("No day set yet: \(r.notSet)"))),
      .p(.text("\(r.people) \(r.people == 1 ? "person" : "people") supported in all.")))
  }
}
