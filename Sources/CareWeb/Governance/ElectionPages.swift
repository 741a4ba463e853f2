import CareCases
import CareCore
import Foundation
import Plot

/// An election on the proposal's pages: the proposer's fields (seats, who stands), the ranked ballot (one
/// select a candidate, so it works by keyboard, on a screen reader and on an old phone), the code shown once,
/// who has voted (never how), the count stage by stage, and every ballot on the recount.
extension ProposalsPage {
  var electionFields: Node<HTML.FormContext> {
    .div(
      .class(state.error("candidates") == nil ? "field" : "field field-error"),
      .fieldset(
        .element(named: "legend", nodes: [.text("For an election")]),
        Forms.text(
          "seats", label: "How many are to be elected", hint: "From 1 to \(Election.mostSeats).", state: state,
          width: "w5"),
        .p(
          .class("hint"),
          .text("Who stands: choose more members than seats. They are listed on the ballot in this order.")),
        hatSelect,
        Forms.date(
          "termEnd", legend: "For a hat: the last day of the term",
          hint:
            "After the poll closes, and within five years. The one elected wears the hat from the day after it closes.",
          state: state),
        .unwrap(state.error("candidates")) { Forms.errorMessage("candidates", $0) },
        .forEach(Array(model.mayStand.enumerated())) { pair in
          let (index, account) = pair
          let name = "candidate-\(account.id)"
          return .div(
            .class("checkbox"),
            .input(
              .type(.checkbox), .name(name), .id(index == 0 ? "candidates" : name), .value("true"),
              .checked(state[name] == "true")),
            .label(.for(index == 0 ? "candidates" : name), .text(account.name)))
        }))
  }
}

extension ProposalsPage {
  /// The hat an election fills (none: an election for something else, like a board seat).
  var hatSelect: Node<HTML.FormContext> {
    .div(
      .class(state.error("hatID") == nil ? "field" : "field field-error"),
      .label(.for("hatID"), "For a hat (optional): the one elected wears it"),
      .unwrap(state.error("hatID")) { Forms.errorMessage("hatID", $0) },
      .select(
        .attribute(named: "name", value: "hatID"), .attribute(named: "id", value: "hatID"),
        .element(
          named: "option", nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false), .text("No hat")]),
        .forEach(model.hats) { hat in
          .element(
            named: "option",
            nodes: [
              .attribute(named: "value", value: hat.id.description),
              .attribute(named: "selected", value: state["hatID"] == hat.id.description ? "selected" : nil),
              .text(
                hat.circleID.flatMap { c in model.circleName(c) }.map { "\(hat.name) (the \($0) circle)" } ?? hat.name),
            ])
        }))
  }
}

enum RankedBallotForm {
  /// One select a candidate: not ranked, or 1 to n. The first select carries `firstID` (the error summary's
  /// link); the rest `<prefix><number>`.
  static func selects(
    _ election: Election, prefix: String, firstID: String, legend: String, state: FormState
  ) -> Node<HTML.FormContext> {
    let error = state.error(firstID)
    return .div(
      .class(error == nil ? "field" : "field field-error"),
      .fieldset(
        .element(named: "legend", nodes: [.text(legend)]),
        .p(
          .class("hint"),
          .text(
            "Give 1 to your first choice, 2 to your next, and so on. Rank as many or as few as you like: "
              + "if your first choice is elected or out, your ballot passes to your next.")),
        .unwrap(error) { Forms.errorMessage(firstID, $0) },
        .forEach(election.candidates) { candidate in
          let name = "\(prefix)\(candidate.number)"
          let id = candidate.number == 1 ? firstID : name
          return .div(
            .class("rank-item"),
            .label(.for(id), .text(candidate.name)),
            .select(
              .attribute(named: "name", value: name), .attribute(named: "id", value: id),
              .forEach([""] + (1...election.candidates.count).map(String.init)) { value in
                .element(
                  named: "option",
                  nodes: [
                    .attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
                    .attribute(named: "selected", value: state[name] == value ? "selected" : nil),
                    .text(value.isEmpty ? "Not ranked" : value),
                  ])
              }))
        }))
  }
}

extension ProposalPage {
  func electionBody(_ election: Election) -> Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(proposal.title)),
      circleNote,
      teamNote,
      .unwrap(code) { code in
        .div(
          .class("notice"), .attribute(named: "role", value: "status"),
          .p(.strong("Your ballot is in.")),
          .p(.text("Your code: "), .strong(.class("ballot-code"), .text(code))),
          .p(
            .text(
              "Write it down or keep this page. With it you can change your ballot until the poll closes. Nobody "
                + "else is shown it, and the co-op does not keep it beside your name: nobody can tell how you voted.")
          ))
      },
      .unwrap(code == nil ? notice : nil) {
        .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0.words))
      },
      .p(.class("lead"), .text(statusLine(proposal, model.status))),
      .forEach(proposal.text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) },
      .p(
        .class("hint"),
        .text(
          "Proposed by \(model.name(proposal.createdBy)). A secret ballot for \(election.seats) "
            + "seat\(election.seats == 1 ? "" : "s"), counted by the single transferable vote. Quorum: "
            + "\(proposal.quorum) of \(model.members) members.")),
      .unwrap(election.hat) { hat in
        .p(
          .text(
            "The one elected wears the hat “\(hat.name)” from the day after the poll closes until the end of "
              + "\(hat.termEnd.longText)."))
      },
      .section(
        .attribute(named: "aria-labelledby", value: "candidates-title"),
        .h2(.id("candidates-title"), "Who is standing"),
        .ol(.forEach(election.candidates) { .li(.text($0.name)) })),
      electionResult(election),
      voted,
      .if(model.mayVote, ballotForm(election)),
      .if(!model.mayEnterFor.isEmpty, enterBallotForm(election)),
      paperLink)
  }

  func electionResult(_ election: Election) -> Node<HTML.BodyContext> {
    guard let result = proposal.result else {
      return .section(
        .attribute(named: "aria-labelledby", value: "count-title"),
        .h2(.id("count-title"), "The count"),
        .p(.text("It is counted when the poll closes; until then nobody sees how anyone voted.")))
    }
    let names = result.elected.compactMap { election.candidate($0)?.name }
    return .section(
      .attribute(named: "aria-labelledby", value: "count-title"),
      .h2(.id("count-title"), "The result"),
      .p(.strong(.text(names.isEmpty ? result.outcome.label : "Elected: \(names.joined(separator: ", "))."))),
      .p(.text("\(result.turnout) ballot\(result.turnout == 1 ? "" : "s").")),
      .unwrap(model.electionCount) { StageTable.table($0, election) },
      .p(.class("no-print"), .a(.href(SiteURL.proposalRecount(.value(proposal.id)).path), "Count it again")))
  }

  var voted: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "voted-title"),
      .h2(.id("voted-title"), "Who has voted (never how)"),
      .p(.text("\(model.receipts.count) of \(model.members) members.")),
      .if(
        !model.receipts.isEmpty,
        .ul(
          .forEach(model.receipts.sorted { model.name($0.voterID) < model.name($1.voterID) }) { receipt in
            .li(
              .text(model.name(receipt.voterID)),
              .if(
                receipt.enteredBy != nil,
                .text(" (\(receipt.way.label), entered by \(model.name(receipt.enteredBy)))")))
          })))
  }

  func ballotForm(_ election: Election) -> Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "ballot-title"),
      .h2(.id("ballot-title"), .text(model.hasVoted ? "Change your ballot" : "Your ballot")),
      .form(
        .action(SiteURL.proposalBallots(.value(proposal.id)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        .if(
          model.hasVoted,
          Forms.text(
            "code", label: "The code you were given when you voted", hint: "Like ABCD-EFGH-JKLM-NPQR.",
            state: state)),
        RankedBallotForm.selects(
          election, prefix: "rank-", firstID: "ranking", legend: "Number the candidates in your order", state: state),
        Forms.submit(model.hasVoted ? "Change my ballot" : "Cast my ballot")))
  }

  func enterBallotForm(_ election: Election) -> Node<HTML.BodyContext> {
    enteredForm(
      "Enter a postal or proxy ballot", action: .proposalEnteredBallots(.value(proposal.id)),
      answer: RankedBallotForm.selects(
        election, prefix: "entered-rank-", firstID: "enteredRanking", legend: "The member's order", state: state),
      submit: "Enter their ballot")
  }
}

enum StageTable {
  /// The count stage by stage: each candidate's votes after it (to two places, cut as the count cuts them).
  static func table(_ count: ElectionCount, _ election: Election) -> Node<HTML.BodyContext> {
    .group(
      .p(
        .text(
          "\(count.validBallots) valid ballots; the quota to be elected is \(ElectionCount.text(count.quota)) votes.")
      ),
      .div(
        .class("table-wrap"), .attribute(named: "tabindex", value: "0"),
        .attribute(named: "aria-labelledby", value: "stages-caption"),
        .table(
          .caption(.id("stages-caption"), "The count, stage by stage"),
          .thead(
            .tr(
              .th(.attribute(named: "scope", value: "col"), "Stage"),
              .forEach(election.candidates) { .th(.attribute(named: "scope", value: "col"), .text($0.name)) },
              .th(.attribute(named: "scope", value: "col"), "No further choice"))),
          .tbody(
            .forEach(Array(count.stages.enumerated())) { pair in
              let (index, stage) = pair
              return .tr(
                .th(.attribute(named: "scope", value: "row"), .text("\(index + 1). \(stage.event)")),
                .forEach(election.candidates) { candidate in
                  .td(
                    .text(ElectionCount.text(stage.tallies[candidate.number - 1])),
                    .if(stage.elected.contains(candidate.number), .strong(" elected")))
                },
                .td(.text(ElectionCount.text(stage.exhausted))))
            }))))
  }
}

extension RecountPage {
  func electionBody(_ election: Election) -> Node<HTML.BodyContext> {
    let names = recount.again.elected.compactMap { election.candidate($0)?.name }
    return .group(
      .h1(.text("Recount: \(model.proposal.title)")),
      .p(
        .class(recount.agrees ? "notice" : "warning"), .attribute(named: "role", value: "status"),
        .text(
          recount.agrees
            ? "The recount agrees with the result: "
              + (names.isEmpty ? recount.again.outcome.label.lowercased() : "elected \(names.joined(separator: ", "))")
              + ", from \(recount.again.turnout) ballots."
            : "The recount does not agree with the result kept. Tell the co-op's secretary.")),
      .section(
        .attribute(named: "aria-labelledby", value: "ballots-title"),
        .h2(.id("ballots-title"), "Every ballot"),
        .p(.text("In no one's order, and with no names: each line is one ballot, first choice first.")),
        .ol(
          .forEach(recount.ballots ?? []) { ranking in
            .li(.text(ranking.compactMap { election.candidate($0)?.name }.joined(separator: ", ")))
          })),
      .p(.a(.href(SiteURL.proposal(.value(model.proposal.id)).path), "Back to the proposal")))
  }
}
