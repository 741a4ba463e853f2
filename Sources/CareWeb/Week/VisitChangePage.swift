import CareCases
import CareCore
import Plot

/// The rota keeper gives one visit of a draft to another worker or time. The change is checked against
/// every rule before it is kept; what it would break is listed in plain words.
struct VisitChangePage: PageView {
  let layout: Layout
  let model: VisitChangeModel
  let state: FormState

  var body: Node<HTML.BodyContext> {
    let visit = model.visit
    return .group(
      Forms.errorSummary(state.errors),
      .h1(.text("Change \(model.personName)'s visit on \(visit.day.longText)")),
      .p(
        .text(
          "Now: \(timeSpan(visit.start, visit.end)) with "
            + "\(model.workers.first { $0.id == visit.workerID }?.name ?? "a worker"). "
            + "For: \(visit.tasks.sorted().map(\.label).joined(separator: ", ")).")),
      .form(
        .action(SiteURL.circleWeekVisit(.value(model.circle.id), .value(visit.id)).path), .method(.post),
        .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        .input(.type(.hidden), .name("edits"), .value(state["edits"])),
        .input(.type(.hidden), .name("week"), .value(model.week.monday.iso)),
        Forms.radios(
          "worker", legend: "Who will do it?", options: model.workers.map { ($0.id.description, $0.name, nil) },
          state: state),
        Forms.text(
          "start", label: "Start time", hint: "The 24-hour clock, like 08:30", state: state, width: "short"),
        .button(.type(.submit), .class("button"), "Check and change")),
      .p(
        .a(
          .href(SiteURL.circleWeek(.value(model.circle.id), week: model.week.monday).path),
          "Back to the week without changing it")))
  }
}
