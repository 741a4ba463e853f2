import CareCases
import CareCore
import Foundation
import Plot

private func when(_ date: Date) -> String {
  "\(CoopCalendar.london.day(of: date).longText) at \(CoopCalendar.clockText(CoopCalendar.london.minuteOfDay(of: date)))"
}

/// Where a decision stands, in words.
func teamDecisionStateText(_ state: TeamDecision.State) -> String {
  switch state {
  case .waiting(let who, let objections):
    (who.isEmpty ? "Waiting." : "Waiting for " + who.joined(separator: ", ") + ".")
      + (objections > 0 ? " \(objections) objection\(objections == 1 ? "" : "s") standing." : "")
  case .agreed(let why): "Agreed: \(why.prefix(1).lowercased() + why.dropFirst())."
  case .declined(let why): "Not agreed: \(why.prefix(1).lowercased() + why.dropFirst())."
  }
}

/// Under a change waiting on the pattern or plan page: where its decision stands, and the way to the say page.
func teamDecisionLine(_ state: TeamDecision.State?, person: ID<Person>) -> Node<HTML.BodyContext> {
  .p(
    .text(state.map { teamDecisionStateText($0) + " " } ?? ""),
    .a(.href(SiteURL.teamSay(.value(person)).path), "How the team decides, and every answer"))
}

/// How the person's team decides: the say in force and the form to change it (the person, or their arranger
/// unless the person decides alone), its history, and the decisions waiting and made.
struct TeamSayPage: PageView {
  let layout: Layout
  let model: TeamSayModel
  let state: FormState
  let saved: Bool

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      easyReadToggle(on: layout.easyRead, csrf: layout.csrf, returnTo: .teamSay(.value(model.team.person.id))),
      layout.easyRead ? easyRead : standard)
  }

  var isOwner: Bool { model.viewer == model.team.personAccount.id }

  /// In Easy Read: one idea a line, the say in the person's words, the same form, what waits.
  var easyRead: Node<HTML.BodyContext> {
    let first = Account.firstName(of: model.personName)
    let (you, your) = isOwner ? ("you", "your") : (first, "\(first)'s")
    let now: String =
      switch model.setting.say {
      case .personOrArranger:
        "\(isOwner ? "You say" : "\(first) says") yes or no. Or the person who arranges \(your) care says it "
          + "for \(isOwner ? "you" : "them")."
      case .person: "Only \(you) \(isOwner ? "say" : "says") yes or no."
      case .personAndArranger:
        "\(isOwner ? "You" : first) and the person who arranges \(your) care both say yes. If one says no, it "
          + "does not happen."
      case .teamConsent:
        "\(isOwner ? "You say" : "\(first) says") yes. Then the team has \(TeamDecision.consentDays) days to say "
          + "if they are worried. If someone says no, and why, it does not happen."
      }
    let waiting = model.decisions.filter { $0.outcome == nil }
    return .group(
      .h1(.text("Who decides about \(your) support")),
      .ul(
        .class("easy-lines"),
        .li(.text("Sometimes things change: \(your) visits, \(your) plan, a new worker.")),
        .li(.text("\(isOwner ? "You choose" : "\(first) chooses") who decides.")),
        .li(.strong("Now: "), .text(now))),
      .if(model.mayChange, form),
      .h2("Waiting for an answer"),
      waiting.isEmpty
        ? .p("Nothing is waiting.")
        : .ul(
          .class("easy-lines"),
          .forEach(waiting) { decision in
            .li(
              .a(
                .href(SiteURL.teamDecision(.value(model.team.person.id), .value(decision.id)).path),
                .text(decision.summary)))
          }))
  }

  var form: Node<HTML.BodyContext> {
    let first = Account.firstName(of: model.personName)
    return .form(
      .class("no-print"), .action(SiteURL.teamSay(.value(model.team.person.id)).path), .method(.post),
      .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
      Forms.radios(
        "say", legend: "Who decides changes to \(first)'s visits and plan?",
        options: TeamSay.allCases.map { ($0.rawValue, $0.label, $0.explanation) }, state: state),
      Forms.submit("Save"))
  }

  var standard: Node<HTML.BodyContext> {
    let first = Account.firstName(of: model.personName)
    let setting = model.setting
    return .group(
      .h1(.text("How \(model.personName)'s team decides")),
      .if(saved, .p(.class("notice"), .attribute(named: "role", value: "status"), "Saved.")),
      .p(
        .class("lead"),
        .text(
          "Changes to \(first)'s visits and support plan, and new workers joining, are decided as \(first) sets "
            + "here. A safeguarding "
            + "override can decide for the team, and everyone in the team can see when it did.")),
      .p(
        .strong("Now: "), .text(setting.say.explanation),
        .text(
          setting.setAt.map { " Set on \(CoopCalendar.london.day(of: $0).longText) by \(model.name(setting.setBy))." }
            ?? " Nothing has been set yet, so this is how it starts.")),
      .if(model.mayChange, form),
      decisions,
      questions,
      .if(
        !model.history.isEmpty,
        .section(
          .attribute(named: "aria-labelledby", value: "history-title"),
          .h2(.id("history-title"), "Earlier settings"),
          .ul(
            .forEach(model.history) { entry in
              .li(
                .text(
                  "\(entry.say.label): set "
                    + (entry.setAt.map { "on \(CoopCalendar.london.day(of: $0).longText) " } ?? "")
                    + "by \(model.name(entry.setBy))."))
            }))))
  }

  var decisions: Node<HTML.BodyContext> {
    let waiting = model.decisions.filter { $0.outcome == nil }
    let made = model.decisions.filter { $0.outcome != nil }
    return .section(
      .attribute(named: "aria-labelledby", value: "decisions-title"),
      .h2(.id("decisions-title"), "Decisions"),
      waiting.isEmpty ? .p("Nothing is waiting.") : list(waiting, title: "Waiting"),
      .if(!made.isEmpty, list(made, title: "Made")))
  }

  func list(_ decisions: [TeamDecision], title: String) -> Node<HTML.BodyContext> {
    .group(
      .h3(.text(title)),
      .ul(
        .class("goal-steps"),
        .forEach(decisions) { decision in
          .li(
            .a(
              .href(SiteURL.teamDecision(.value(model.team.person.id), .value(decision.id)).path),
              .text(decision.summary)),
            .text(
              " — proposed by \(model.name(decision.proposedBy)) on "
                + "\(CoopCalendar.london.day(of: decision.proposedAt).longText). "
                + teamDecisionStateText(model.state(decision))))
        }))
  }
}

/// One decision: what it is, the say it is made by, where it stands, every answer with its reason, and the
/// form for the viewer's own answer.
struct TeamDecisionPage: PageView {
  let layout: Layout
  let model: TeamSayModel
  let state: FormState
  let answered: Bool

  var decision: TeamDecision { model.decisions[0] }

  var subjectLink: Node<HTML.BodyContext> {
    let person = model.team.person.id
    return switch decision.matter {
    case .pattern: .a(.href(SiteURL.teamPattern(.value(person)).path), "See the visits and the change")
    case .plan: .a(.href(SiteURL.teamPlan(.value(person)).path), "See the support plan and the change")
    case .joining: .a(.href(SiteURL.team(.value(person)).path), "See the team")
    }
  }

  var body: Node<HTML.BodyContext> {
    let choices = model.choices(decision)
    return .group(
      Forms.errorSummary(state.errors),
      .h1(.text(decision.summary)),
      .if(answered, .p(.class("notice"), .attribute(named: "role", value: "status"), "Your answer is kept.")),
      .p(.class("lead"), .text("\(decision.matter.label) for \(model.personName). "), subjectLink, .text(".")),
      .dl(
        .dt("Proposed"), .dd(.text("by \(model.name(decision.proposedBy)), \(when(decision.proposedAt))")),
        .dt("Decided by"), .dd(.text(decision.say.explanation)),
        .if(
          decision.say.asksTeam,
          .group(.dt("Time to object"), .dd(.text("until \(when(decision.closesAt))")))),
        .dt("Where it stands"), .dd(.text(teamDecisionStateText(model.state(decision))))),
      .h2("Answers"),
      decision.answers.isEmpty
        ? .p("Nobody has answered yet.")
        : .table(
          .caption(.text("Every answer, oldest first (each member's last answer counts)")),
          .thead(.tr(.th("Who"), .th("Answer"), .th("Why"), .th("When"))),
          .tbody(
            .forEach(decision.answers) { answer in
              .tr(
                .td(.text(model.name(answer.accountID))), .td(.text(answer.choice.label)),
                .td(.text(answer.reason.isEmpty ? "—" : answer.reason)), .td(.text(when(answer.at))))
            })),
      .if(
        !choices.isEmpty,
        .section(
          .class("no-print"), .attribute(named: "aria-labelledby", value: "answer-title"),
          .h2(.id("answer-title"), "Your answer"),
          .form(
            .action(SiteURL.teamDecision(.value(model.team.person.id), .value(decision.id)).path), .method(.post),
            .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
            Forms.radios(
              "choice", legend: "Your answer", options: choices.map { ($0.rawValue, $0.label, nil) }, state: state),
            Forms.textarea(
              "reason", label: "Why (needed for an objection)",
              hint: "An objection says what would have to change for you to consent.", state: state),
            Forms.submit("Send my answer")))))
  }
}

extension TeamSayPage {
  /// Questions put to the team (polls only the person and their team see and answer), and asking one.
  var questions: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "questions-title"),
      .h2(.id("questions-title"), "Questions to the team"),
      model.questions.isEmpty
        ? .p("None yet.")
        : .ul(
          .class("list"),
          .forEach(model.questions) { p in
            .li(
              .a(.href(SiteURL.proposal(.value(p.id)).path), .text(p.title)),
              .text(" — \(p.kind.label). " + statusLine(p, p.status(at: model.now))))
          }),
      .if(
        model.mayAnswer,
        .p(
          .a(
            .href(SiteURL.proposals.path + "?team=\(model.team.person.id)#propose-title"),
            "Ask the team a question, or find a time to meet"))))
  }
}
