import CareCases
import CareCore
import Plot
import Vapor

/// The words of a section, a paragraph a line.
private func words<C: HTML.BodyContext>(_ text: String) -> Node<C> {
  .forEach(text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) }
}

private func when(_ date: Date?) -> String {
  date.map { CoopCalendar.london.day(of: $0).longText } ?? ""
}

/// The plan: every section in reading order (strengths and goals first), each as agreed with the changes
/// waiting under it; the person (or arranger) answers them here.
struct PlanPage: PageView {
  enum Notice: String {
    case proposed, agreed, declined, reviewed

    var words: String {
      switch self {
      case .proposed: "Your change is proposed: it waits for an answer."
      case .agreed: "Saved: the section has new words."
      case .declined: "The change is not made."
      case .reviewed: "Saved: the plan's reviews are up to date."
      }
    }
  }

  let layout: Layout
  let model: PlanModel
  let state: FormState
  let notice: Notice?

  var isOwner: Bool { layout.account?.id == model.team.personAccount.id }
  var person: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    .group(
      easyReadToggle(on: layout.easyRead, csrf: layout.csrf, returnTo: .teamPlan(.value(person))),
      // A form that came back with a problem is answered in the standard view, where its fields are.
      layout.easyRead && state.errors.isEmpty ? PlanEasyRead(model: model, isOwner: isOwner).body : standard,
      .p(
        .class("no-print"),
        .a(.href(SiteURL.teamPlanPrint(.value(person)).path), "Print the plan, or the sections you choose")),
      .p(.class("no-print"), .a(.href(SiteURL.teamSearch(.value(person)).path), "Search the plan and the documents")))
  }

  var standard: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(isOwner ? "Your support plan" : "\(model.personName)'s support plan")),
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0.words)) },
      .p(
        .class("lead"),
        .text(
          "Written with \(isOwner ? "you, in your" : "\(model.personName), in their") words. Anyone in the team can "
            + "propose a change; \(isOwner ? "you" : model.personName) or \(isOwner ? "your" : "their") arranger "
            + "agrees to it, changes it, or says no. Every version is kept.")),
      .p(.class("no-print"), .a(.href(SiteURL.teamPlanHistory(.value(person)).path), "Every change, and who agreed")),
      .forEach(model.plan.sections) { section($0) },
      PlanReviewsView(model: model, state: state, csrf: layout.csrf).body)
  }

  func section(_ s: PlanSectionState) -> Node<HTML.BodyContext> {
    .section(
      .id(s.section.rawValue), .attribute(named: "aria-labelledby", value: "\(s.section.rawValue)-title"),
      .h2(.id("\(s.section.rawValue)-title"), .text(s.section.title)),
      s.text.isEmpty ? .p(.class("hint"), "Not written yet.") : words(s.text),
      .if(
        s.version > 0,
        .p(.class("hint"), .text("Version \(s.version), agreed on \(when(s.agreedAt)).")),
      ),
      .if(
        model.mayPropose,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.teamPlanSection(.value(person), .value(s.section)).path),
            .text(s.text.isEmpty ? "Write this section" : "Change this section"),
            .span(.class("visually-hidden"), .text(": \(s.section.title)"))))),
      .forEach(s.waiting) { waiting($0, current: s) },
      .if(s.section == .goals, PlanGoalsView(model: model, state: state, csrf: layout.csrf).body))
  }

  func waiting(_ c: PlanChange, current: PlanSectionState) -> Node<HTML.BodyContext> {
    let id = c.id.description
    let stale = c.basedOn != current.version
    return .div(
      .class("notice no-print"),
      .h3(.text("Waiting for an answer: proposed by \(model.name(c.proposedBy)) on \(when(c.proposedAt))")),
      .element(named: "blockquote", nodes: [words(c.text)]),
      .if(!c.note.isEmpty, .p(.text("Why: \(c.note)"))),
      teamDecisionLine(model.decisions[c.id.rawValue], person: person),
      .if(stale, .p(.strong("This was written before the section last changed: it can only be said no to."))),
      .if(
        model.mayAnswer,
        .group(
          .form(
            .action(SiteURL.teamPlanAnswer(.value(person), .value(c.id)).path), .method(.post),
            Forms.csrf(layout.csrf),
            .if(
              !stale,
              .button(
                .type(.submit), .name("answer"), .value("accept"), .id("answer-\(id)"), .class("button"),
                "Yes, agree")),
            .button(
              .type(.submit), .name("answer"), .value("decline"), .class("button secondary"),
              .if(stale, .id("answer-\(id)")), "No")),
          .if(
            !stale,
            .details(
              .summary("Yes, in other words"),
              .form(
                .action(SiteURL.teamPlanAnswer(.value(person), .value(c.id)).path), .method(.post),
                .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
                .input(.type(.hidden), .name("answer"), .value("change")),
                .div(
                  .class(state.error("text-\(id)") == nil ? "field" : "field field-error"),
                  .label(.for("text-\(id)"), "The words to agree"),
                  .unwrap(state.error("text-\(id)")) { Forms.errorMessage("text-\(id)", $0) },
                  .textarea(
                    .name("text"), .id("text-\(id)"), .class("input wide"), .rows(4),
                    .attribute(named: "aria-invalid", value: state.error("text-\(id)") == nil ? nil : "true"),
                    .text(c.text))),
                Forms.submit("Agree in these words")))))))
  }
}

/// One section: its words as they stand, and the form to propose new ones (started from this version; if
/// someone changes it first, the proposal is refused and this page shows the newer words).
struct PlanSectionPage: PageView {
  let layout: Layout
  let model: PlanModel
  let section: PlanSectionState
  let state: FormState

  var body: Node<HTML.BodyContext> {
    let person = model.team.person.id
    return .group(
      Forms.errorSummary(state.errors),
      .h1(.text(section.section.title)),
      .p(.class("lead"), .text(section.section.prompt)),
      .section(
        .attribute(named: "aria-labelledby", value: "now-title"),
        .h2(.id("now-title"), "Its words now"),
        section.text.isEmpty ? .p(.class("hint"), "Not written yet.") : words(section.text),
        .if(
          section.version > 0,
          .p(.class("hint"), .text("Version \(section.version), agreed on \(when(section.agreedAt))."))),
        .if(
          !section.waiting.isEmpty,
          .p(
            .text(
              "\(section.waiting.count) proposed change\(section.waiting.count == 1 ? "" : "s") wait for an answer.")))
      ),
      .if(
        model.mayPropose,
        .form(
          .action(SiteURL.teamPlanChanges(.value(person)).path), .method(.post), .attribute(named: "novalidate"),
          Forms.csrf(layout.csrf),
          .input(.type(.hidden), .name("section"), .value(section.section.rawValue)),
          .input(.type(.hidden), .name("basedOn"), .value(String(section.version))),
          Forms.textarea(
            "text", label: "The words for this section",
            hint: "One idea a line. At most \(PlanSection.maxLength) characters.", state: state),
          Forms.text("note", label: "Why the change (optional)", state: state),
          Forms.submit(model.mayAnswer ? "Save these words" : "Propose this change"))))
  }
}

/// Every change ever proposed to the plan, newest first: who proposed it, who answered, what became of it.
struct PlanHistoryPage: PageView {
  let layout: Layout
  let model: PlanModel

  var body: Node<HTML.BodyContext> {
    .group(
      .h1(.text("Changes to \(model.personName)'s plan")),
      model.plan.history.isEmpty
        ? .p("No change has been proposed yet.")
        : .div(
          .class("table-wrap"), .attribute(named: "role", value: "region"),
          .attribute(named: "aria-label", value: "Changes, newest first"), .attribute(named: "tabindex", value: "0"),
          .table(
            .caption(.text("Every change, newest first")),
            .thead(.tr(.th("Proposed"), .th("Section"), .th("Words proposed"), .th("What became of it"))),
            .tbody(
              .forEach(model.plan.history) { c in
                .tr(
                  .td(.text("\(when(c.proposedAt)), by \(model.name(c.proposedBy))")),
                  .td(.text(c.section.title)), .td(.text(c.text)), .td(.text(outcome(c))))
              }))))
  }

  func outcome(_ c: PlanChange) -> String {
    let by = "\(model.name(c.answeredBy)) on \(when(c.answeredAt))"
    return switch c.status {
    case .waiting: "Waiting for an answer"
    case .accepted: "Agreed by \(by): version \(c.version ?? 0)"
    case .changed: "Agreed by \(by) in other words: \(c.agreedText ?? "") (version \(c.version ?? 0))"
    case .declined: "Not agreed (\(by))"
    case .overtaken: "Written before the section last changed"
    }
  }
}
