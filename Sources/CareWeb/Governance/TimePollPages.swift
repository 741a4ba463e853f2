import CareCases
import CareCore
import Foundation
import Plot

/// The rows of times the proposal form offers (the API takes up to `MeetingTime.most`).
let timePollFormRows = 4

extension ProposalsPage {
  /// For a time poll: how long the meeting is and the times to choose from (each a day and a start).
  var timePollFields: Node<HTML.FormContext> {
    .div(
      .class(state.error("times") == nil ? "field" : "field field-error"), .id("times"),
      .fieldset(
        .element(named: "legend", nodes: [.text("For a time poll")]),
        .p(
          .class("hint"),
          .text(
            "Offer from \(MeetingTime.fewest) to \(timePollFormRows) times, each after the poll's last day. Members "
              + "say yes, if need be, or no to each; the time most can come to is chosen.")),
        .unwrap(state.error("times")) { Forms.errorMessage("times", $0) },
        Forms.text(
          "meetingMinutes", label: "How long the meeting is, in minutes",
          hint: "From \(MeetingTime.shortest) to \(MeetingTime.longest). Leave empty for an hour.", state: state,
          width: "w5"),
        .forEach(1...timePollFormRows) { n in
          .group(
            Forms.date("time\(n)", legend: "Time \(n): the day", hint: "For example, 10 6 2026", state: state),
            Forms.text(
              "time\(n)-start", label: "Time \(n): it starts at", hint: "Like 18:30", state: state, width: "w5"))
        }))
  }
}

extension ProposalPage {
  /// A time poll: the times with how many can come to each (and the one chosen, once counted), each member's
  /// answers, and the form to answer (or change one's answers) while it is open.
  var timePollBody: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(proposal.title)),
      circleNote,
      teamNote,
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0.words)) },
      .p(.class("lead"), .text(statusLine(proposal, model.status))),
      .unwrap(proposal.chosenTime) { time in
        .p(.class("notice"), .strong(.text("The meeting: \(time.text), for \(Minutes(time.minutes).spoken).")))
      },
      .forEach(proposal.text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) },
      .p(
        .class("hint"),
        .text(
          "Proposed by \(model.name(proposal.createdBy)). \(proposal.kind.label). Quorum: \(proposal.quorum) of "
            + "\(model.members) members. A tie goes to the time more said yes to, then to the one offered first.")),
      timesTable,
      timeAnswersList,
      .if(model.mayVote, timesForm),
      .if(!model.mayEnterFor.isEmpty, enterTimesForm),
      paperLink)
  }

  var timesTable: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "times-title"),
      .h2(.id("times-title"), .text(proposal.result == nil ? "The times, and who can come so far" : "The result")),
      .unwrap(proposal.result) { .p(.strong(.text($0.outcome.label))) },
      .table(
        .caption(.text("How many can come to each time")),
        .thead(.tr(.th("Time"), .th("Yes"), .th("If need be"), .th("Can come"))),
        .tbody(
          .forEach(proposal.times) { time in
            let tally = model.timeTallies.first { $0.number == time.number }
            return .tr(
              .th(
                .attribute(named: "scope", value: "row"), .text(time.text),
                .if(proposal.chosenTime?.number == time.number, .strong(" (chosen)"))),
              .td(.text("\(tally?.yes ?? 0)")), .td(.text("\(tally?.ifNeedBe ?? 0)")),
              .td(.text("\(tally?.canCome ?? 0)")))
          })),
      .p(.text("\(model.timeAnswers.count) answered.")),
      .if(
        proposal.result != nil,
        .p(.class("no-print"), .a(.href(SiteURL.proposalRecount(.value(proposal.id)).path), "Count it again"))))
  }

  var timeAnswersList: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "answers-title"),
      .h2(.id("answers-title"), "Each member's answers"),
      model.timeAnswers.isEmpty
        ? .p("Nobody has answered yet.")
        : .ul(
          .class("goal-steps"),
          .forEach(model.timeAnswers) { set in
            .li(
              .strong(.text("\(model.name(set.voterID)): ")),
              .text(
                zip(proposal.times, set.answers).map { "\($0.text): \($1.label.lowercased())" }
                  .joined(separator: "; ")),
              .if(set.enteredBy != nil, .text(" (\(set.way.label), entered by \(model.name(set.enteredBy)))")))
          }))
  }

  /// For a hat holder: a member's postal or proxy answers (they show as entered, and by whom).
  var enterTimesForm: Node<HTML.BodyContext> {
    enteredForm(
      "Enter postal or proxy answers", action: .proposalEnteredTimes(.value(proposal.id)),
      answer: .forEach(proposal.times) { time in
        Forms.radios(
          "entered-time-\(time.number)", legend: "Can they come on \(time.text)?",
          options: TimeAnswer.allCases.map { ($0.rawValue, $0.label, nil) }, state: state)
      },
      submit: "Enter their answers")
  }

  var timesForm: Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "answer-title"),
      .h2(.id("answer-title"), .text(model.myTimes == nil ? "Your answers" : "Change your answers")),
      .form(
        .action(SiteURL.proposalTimes(.value(proposal.id)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        .forEach(proposal.times) { time in
          Forms.radios(
            "time-\(time.number)", legend: "Can you come on \(time.text)?",
            options: TimeAnswer.allCases.map { ($0.rawValue, $0.label, nil) }, state: state)
        },
        Forms.submit(model.myTimes == nil ? "Give my answers" : "Change my answers")))
  }
}

extension BallotPaperPage {
  /// A time poll on paper: a line a time, with three boxes.
  var timeMarking: Node<HTML.BodyContext> {
    .group(
      .h2("Your answers"),
      .p(.text("For each time, put an X in one box: yes, if need be, or no.")),
      .ul(
        .class("ballot-boxes"),
        .forEach(proposal.times) { time in
          .li(
            .text(time.text + ": "),
            .forEach(TimeAnswer.allCases) { answer in
              .group(
                .span(.class("ballot-box"), .attribute(named: "aria-hidden", value: "true")),
                .text(answer == .ifNeedBe ? "if need be " : "\(answer.rawValue) "))
            })
        }))
  }
}
