import CareCases
import CareCore
import Plot
import Vapor

/// The words of a section, a paragraph a line.
private func lines(_ text: String) -> [String] {
  text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// The plan to print, on A4: the person chooses the sections (all of them at first), then prints the page or
/// downloads the same as a tagged PDF. The choice, the buttons and the menus are not printed.
struct PlanPrintPage: PageView {
  let layout: Layout
  let model: PlanModel
  /// The sections asked for; none: all.
  let chosen: [PlanSection]
  let makesPDFs: Bool

  var person: ID<Person> { model.team.person.id }
  var sections: [PlanSectionState] {
    chosen.isEmpty ? model.plan.sections : model.plan.sections.filter { chosen.contains($0.section) }
  }

  var body: Node<HTML.BodyContext> {
    .group(
      heading,
      .form(
        .class("no-print"), .action(SiteURL.teamPlanPrint(.value(person)).path), .method(.get),
        .div(
          .class("field"),
          .fieldset(
            .element(named: "legend", nodes: [.text("Which sections to print")]),
            .forEach(Array(PlanSection.allCases.enumerated())) { pair in
              let (index, section) = pair
              let id = index == 0 ? "section" : "section-\(section.rawValue)"
              return .div(
                .class("field checkbox"),
                .input(
                  .type(.checkbox), .name("section"), .id(id), .value(section.rawValue),
                  .checked(chosen.isEmpty || chosen.contains(section))),
                .label(.for(id), .text(section.title)))
            })),
        .button(.type(.submit), .class("button secondary"), "Show these sections")),
      printLink(),
      .if(
        makesPDFs,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.teamPlanPDF(.value(person), sections: chosen).path),
            .attribute(named: "download", value: "support-plan.pdf"),
            .text("Download these sections as a PDF")))),
      content)
  }

  /// What goes on paper (and into the PDF): the heading and the sections chosen.
  var printed: Node<HTML.BodyContext> { .group(heading, content) }

  var heading: Node<HTML.BodyContext> {
    .group(
      .h1(.text("\(model.personName)'s support plan")),
      .p(
        .class("lead"),
        .text("Written with \(model.personName), in their words. Every section shows when it was last agreed.")))
  }

  var content: Node<HTML.BodyContext> {
    .group(
      .forEach(sections) { s in
        .section(
          .attribute(named: "aria-labelledby", value: "\(s.section.rawValue)-title"),
          .h2(.id("\(s.section.rawValue)-title"), .text(s.section.title)),
          s.text.isEmpty ? .p("Not written yet.") : .forEach(lines(s.text)) { .p(.text($0)) },
          .if(
            s.version > 0,
            .p(
              .class("hint"),
              .text(
                "Version \(s.version), agreed on "
                  + (s.agreedAt.map { CoopCalendar.london.day(of: $0).longText } ?? "") + "."))),
          .if(s.section == .goals, goals))
      },
      .if(sections.isEmpty, .p("No sections chosen.")))
  }

  /// The goals on paper: each with its steps, done or to do, and its chart.
  var goals: Node<HTML.BodyContext> {
    .forEach(model.goals) { goal in
      let done = goal.done
      return .div(
        .class("card"),
        .h3(.text(goal.title)),
        .p(.text("\(goal.status.label). \(done.count) of \(goal.steps.count) steps done.")),
        .ul(
          .class("goal-steps"),
          .forEach(goal.steps) { .li(.strong(.text(done.contains($0.number) ? "Done: " : "To do: ")), .text($0.text)) }),
        .if(!goal.steps.isEmpty, GoalChart(goal: goal, now: model.now).body))
    }
  }
}

/// The plan in Easy Read: short headings, one idea a line, large text, a picture (initials) for who wrote
/// each part; the same words the person agreed.
struct PlanEasyRead {
  let model: PlanModel
  let isOwner: Bool

  var first: String { Account.firstName(of: model.personName) }

  var body: Node<HTML.BodyContext> {
    let waiting = model.plan.sections.reduce(0) { $0 + $1.waiting.count }
    return .group(
      .h1(.text(isOwner ? "Your plan" : "\(first)'s plan")),
      .ul(
        .class("easy-lines"),
        .li(.text(isOwner ? "This plan is about you." : "This plan is about \(first).")),
        .li(.text(isOwner ? "You wrote it with your team." : "\(first) wrote it with the team.")),
        .li(.text(isOwner ? "You say yes to changes." : "\(first) says yes to changes.")),
        .if(
          waiting > 0,
          .li(.text("\(waiting) \(waiting == 1 ? "change waits" : "changes wait") for a yes or a no."))),
        .unwrap(model.reviews.due) {
          .li(.text("\(isOwner ? "Your" : "The") next review is on \($0.longText)."))
        }),
      .forEach(model.plan.sections) { s in
        .section(
          .class("easy-section"), .attribute(named: "aria-labelledby", value: "\(s.section.rawValue)-title"),
          .h2(.id("\(s.section.rawValue)-title"), .text(s.section.easyTitle)),
          s.text.isEmpty
            ? .p("Not written yet.")
            : .ul(.class("easy-lines"), .forEach(lines(s.text)) { .li(.text($0)) }),
          .if(s.section == .goals, easyGoals),
          .unwrap(model.plan.history.first { $0.section == s.section && $0.version == s.version && s.version > 0 }) {
            change in
            .p(
              .class("written-by"),
              .span(
                .class("avatar"), .attribute(named: "aria-hidden", value: "true"),
                .text(Account.initials(of: model.name(change.proposedBy)))),
              .text("Written by \(Account.firstName(of: model.name(change.proposedBy))).")
            )
          })
      })
  }

  /// Each goal in Easy Read: what it is, how many steps are done, each step done or next.
  var easyGoals: Node<HTML.BodyContext> {
    .forEach(model.goals.filter { $0.status == .working }) { goal in
      let done = goal.done
      return .div(
        .class("easy-section"),
        .h3(.text(goal.title)),
        .ul(
          .class("easy-lines"),
          .li(.text("\(done.count) of \(goal.steps.count) steps done.")),
          .forEach(goal.steps) { .li(.text((done.contains($0.number) ? "Done: " : "Next: ") + $0.text)) }))
    }
  }
}
