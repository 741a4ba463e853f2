import CareCases
import CareCore
import Foundation
import Plot

private func when(_ date: Date) -> String {
  "\(CoopCalendar.london.day(of: date).longText) at \(CoopCalendar.clockText(CoopCalendar.london.minuteOfDay(of: date)))"
}

/// The last day of a poll (it closes at midnight at its end).
private func lastDay(_ p: Proposal) -> String {
  CoopCalendar.london.day(of: p.closesAt.addingTimeInterval(-1)).longText
}

func statusLine(_ p: Proposal, _ status: Proposal.Status) -> String {
  switch status {
  case .upcoming: "Opens on \(when(p.opensAt))."
  case .open: "Open: answers until the end of \(lastDay(p))."
  case .closed: p.result.map { "Closed. \($0.outcome.label)." } ?? "Closed: being counted."
  }
}

/// The co-op's proposals, newest first (open ones say until when; closed ones their result), and the form
/// to put one.
struct ProposalsPage: PageView {
  let layout: Layout
  let model: ProposalsModel
  let state: FormState
  let notice: Bool

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Decisions"),
      .p(
        .class("lead"),
        .text(
          "Proposals put to the whole co-op, or to one circle. One member, one vote: \(model.members) members "
            + "can answer the co-op's; a circle's workers and the people it supports answer its own. Every answer, and "
            + "its reason, is shown.")),
      .p(.a(.href(SiteURL.settings.path), "The co-op's settings, as decisions set them")),
      .p(.a(.href(SiteURL.meetings.path), "Members' meetings: the annual general meeting, notices and minutes")),
      model.proposals.isEmpty
        ? .p("No proposals yet.")
        : .ul(
          .class("goal-steps"),
          .forEach(model.proposals) { p in
            .li(
              .a(.href(SiteURL.proposal(.value(p.id)).path), .text(p.title)),
              .text(
                model.circleName(p.circleID).map { " — the \($0) circle's decision." } ?? ""),
              .text(" — \(p.kind.label). " + statusLine(p, p.status(at: model.now))))
          }),
      .if(model.mayPropose || !model.teams.isEmpty, form))
  }

  var form: Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "propose-title"),
      .h2(.id("propose-title"), "Put a proposal"),
      .form(
        .action(SiteURL.proposals.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.text("title", label: "Its title", hint: "Like “Raise the hourly rate to £13.50”.", state: state),
        Forms.textarea("text", label: "What is proposed, and why", hint: "One idea a line.", state: state),
        .if(
          model.mayPropose,
          Forms.select(
            "circle", label: "Who decides", empty: "The whole co-op: every member",
            options: model.circles.map {
              ($0.id.description, "The \($0.name) circle: its workers and the people it supports")
            },
            state: state)),
        .if(
          !model.teams.isEmpty,
          Forms.select(
            "team", label: "Or ask a team you are in: only the person and their team see it and answer",
            empty: model.mayPropose ? "No: not a team's question" : "Choose the team",
            options: model.teams.map { ($0.person.description, "\($0.name)'s team") }, state: state)),
        Forms.radios(
          "kind", legend: "How is it decided?",
          options: ProposalKind.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        Forms.radios(
          "share", legend: "For a majority vote: the share of votes for it needs",
          options: MajorityShare.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        electionFields,
        timePollFields,
        .if(model.mayPropose, HatChange.fields(model.hats, circles: model.circles, state: state)),
        SettingChanges.fields(model.settings, today: CoopCalendar.london.day(of: model.now), state: state),
        Forms.text(
          "quorum", label: "Quorum: how many members must take part",
          hint: "From 0 to \(model.members). Abstaining counts as taking part.", state: state, width: "w5"),
        Forms.date(
          "closesOn", legend: "The poll's last day",
          hint: "It closes at midnight at the end of that day. At most \(Proposal.longestPoll) days away.",
          state: state),
        Forms.submit("Put the proposal")))
  }
}

/// One proposal: its words, how it is decided, the result (or the count so far), each member's answer with
/// their reason, and the form to answer (or change one's answer) while it is open.
struct ProposalPage: PageView {
  enum Notice: String {
    case added, answered, entered, balloted

    var words: String {
      switch self {
      case .balloted: "Saved: your ballot is in."
      case .added: "Saved: the proposal is open for answers."
      case .answered: "Saved: your answer counts. You can change it until the poll closes."
      case .entered: "Saved: the member's vote is entered, marked as entered by you."
      }
    }
  }

  let layout: Layout
  let model: ProposalModel
  let state: FormState
  let notice: Notice?
  /// The code of a secret ballot just cast: shown once, on the answer to the POST.
  var code: String? = nil

  var proposal: Proposal { model.proposal }

  var body: Node<HTML.BodyContext> {
    if proposal.kind == .timePoll { return timePollBody }
    guard let election = proposal.election else { return openVoteBody }
    return electionBody(election)
  }

  var openVoteBody: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(proposal.title)),
      circleNote,
      teamNote,
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0.words)) },
      .p(.class("lead"), .text(statusLine(proposal, model.status))),
      .forEach(proposal.text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) },
      SettingChanges.summary(proposal, now: model.valueNow),
      HatChange.summary(proposal, hatNow: model.hatNow),
      .p(
        .class("hint"),
        .text(
          "Proposed by \(model.name(proposal.createdBy)). \(proposal.kind.label)"
            + (proposal.kind == .majority ? ": \(proposal.share.label.lowercased()) of the votes for or against" : "")
            + ". Quorum: \(proposal.quorum) of \(model.members) members.")),
      count,
      answers,
      .if(model.mayVote, form),
      .if(!model.mayEnterFor.isEmpty, enterForm),
      paperLink)
  }

  /// For a hat holder: a member's postal or proxy vote, entered for them (it shows as entered, and by whom).
  var enterForm: Node<HTML.BodyContext> {
    enteredForm(
      "Enter a postal or proxy vote", action: .proposalEnteredVotes(.value(proposal.id)),
      answer: .group(
        Forms.radios(
          "enteredChoice", legend: "Their answer",
          options: proposal.kind.choices.map { ($0.rawValue, $0.label, nil) }, state: state),
        Forms.textarea("enteredReason", label: "Their reason (needed for an objection)", state: state)),
      submit: "Enter their vote")
  }

  /// A hat holder's form for a member's postal or proxy answer: the member, how it came, then the answer (an
  /// open one, or a ranked ballot).
  func enteredForm(_ title: String, action: SiteURL, answer: Node<HTML.FormContext>, submit: String)
    -> Node<HTML.BodyContext>
  {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "enter-title"),
      .h2(.id("enter-title"), .text(title)),
      .form(
        .action(action.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        memberSelect,
        Forms.radios(
          "way", legend: "How it came",
          options: [(VoteWay.postal.rawValue, "A postal vote", nil), (VoteWay.proxy.rawValue, "As their proxy", nil)],
          state: state),
        answer,
        Forms.submit(submit)))
  }

  /// While the poll is open: the ballot paper, for a member who votes by post.
  var paperLink: Node<HTML.BodyContext> {
    .if(
      model.status == .open,
      .p(
        .class("no-print"),
        .a(.href(SiteURL.proposalBallotPaper(.value(proposal.id)).path), "Print a ballot paper for a postal vote")))
  }

  /// The member a hat holder enters a postal or proxy answer for.
  var memberSelect: Node<HTML.FormContext> {
    .div(
      .class(state.error("memberID") == nil ? "field" : "field field-error"),
      .label(.for("memberID"), "The member"),
      .unwrap(state.error("memberID")) { Forms.errorMessage("memberID", $0) },
      .select(
        .attribute(named: "name", value: "memberID"), .attribute(named: "id", value: "memberID"),
        .element(
          named: "option",
          nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false), .text("Choose a member")]),
        .forEach(model.mayEnterFor) { account in
          .element(
            named: "option",
            nodes: [
              .attribute(named: "value", value: account.id.description),
              .attribute(
                named: "selected", value: state["memberID"] == account.id.description ? "selected" : nil),
              .text(account.name),
            ])
        }))
  }

  var count: Node<HTML.BodyContext> {
    let result = proposal.result ?? model.countSoFar
    return .section(
      .attribute(named: "aria-labelledby", value: "count-title"),
      .h2(.id("count-title"), .text(proposal.result == nil ? "The count so far" : "The result")),
      .p(
        .strong(.text(proposal.result == nil ? "If it closed now: \(result.outcome.label)." : result.outcome.label))
      ),
      .ul(
        .forEach(proposal.kind.choices) { choice in
          .li(.text("\(choice.label): \(result.tally[choice] ?? 0)"))
        }),
      .p(.text("\(result.turnout) took part.")),
      .if(
        proposal.result != nil,
        .p(.class("no-print"), .a(.href(SiteURL.proposalRecount(.value(proposal.id)).path), "Count it again"))))
  }

  var answers: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "answers-title"),
      .h2(.id("answers-title"), "Each member's answer"),
      model.answers.isEmpty
        ? .p("Nobody has answered yet.")
        : .ul(
          .class("goal-steps"),
          .forEach(model.answers) { vote in
            .li(
              .strong(.text("\(model.name(vote.voterID)): ")), .text(vote.choice.label),
              .if(
                vote.enteredBy != nil,
                .text(" (\(vote.way.label), entered by \(model.name(vote.enteredBy)))")),
              .unwrap(vote.reason.isEmpty ? nil : vote.reason) { .p(.text("Why: \($0)")) })
          }))
  }

  var form: Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "answer-title"),
      .h2(.id("answer-title"), .text(model.mine == nil ? "Your answer" : "Change your answer")),
      .form(
        .action(SiteURL.proposalVotes(.value(proposal.id)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.radios(
          "choice", legend: "Your answer", options: proposal.kind.choices.map { ($0.rawValue, $0.label, nil) },
          state: state),
        Forms.textarea("reason", label: "Why (needed for an objection)", state: state),
        Forms.submit(model.mine == nil ? "Give my answer" : "Change my answer")))
  }
}

/// A closed poll counted again from its answers, beside the result kept when it closed.
struct RecountPage: PageView {
  let layout: Layout
  let model: ProposalModel
  let recount: Recount

  var body: Node<HTML.BodyContext> {
    guard let election = model.proposal.election else { return openVoteBody }
    return electionBody(election)
  }

  var openVoteBody: Node<HTML.BodyContext> {
    .group(
      .h1(.text("Recount: \(model.proposal.title)")),
      .p(
        .class(recount.agrees ? "notice" : "warning"), .attribute(named: "role", value: "status"),
        .text(
          recount.agrees
            ? "The recount agrees with the result: \(recount.again.outcome.label.lowercased()), "
              + "\(recount.again.turnout) took part."
            : "The recount does not agree with the result kept. Tell the co-op's secretary.")),
      .ul(
        .forEach(model.proposal.kind.choices) { choice in
          .li(.text("\(choice.label): \(recount.again.tally[choice] ?? 0) (kept: \(recount.kept.tally[choice] ?? 0))"))
        }),
      .if(
        model.proposal.kind == .timePoll,
        .p(.text("The time chosen: \(chosen(recount.again)) (kept: \(chosen(recount.kept)))."))),
      .p(.a(.href(SiteURL.proposal(.value(model.proposal.id)).path), "Back to the proposal")))
  }

  func chosen(_ result: ProposalResult) -> String {
    model.proposal.times.first { $0.number == result.chosenTime }?.text ?? "none"
  }
}

extension ProposalPage {
  /// A circle's decision says so, and who answers it.
  var circleNote: Node<HTML.BodyContext> {
    .unwrap(model.circleName) { name in
      .p(
        .class("lead"),
        .text("The \(name) circle's decision: its workers and the people it supports answer (\(model.members) can)."))
    }
  }
}

extension ProposalPage {
  /// A team's question says so, and who answers it.
  var teamNote: Node<HTML.BodyContext> {
    .unwrap(model.teamName) { name in
      .p(
        .class("lead"),
        .text(
          "A question to \(name)'s team: only the person and their team see it and answer (\(model.members) can)."))
    }
  }
}
