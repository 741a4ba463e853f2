import CareCases
import CareCore
import Foundation
import Plot

/// A proposal's ballot paper, for a member who votes by post (or a meeting on paper): what is proposed, how to
/// mark it, the boxes, the member's name, and when and how it comes back. It prints on one A4 page; a hat holder
/// enters it on the proposal's page, where it shows as a postal vote.
struct BallotPaperPage: PageView {
  let layout: Layout
  let model: ProposalModel

  var proposal: Proposal { model.proposal }

  /// The last day of the poll.
  var lastDay: String { CoopCalendar.london.day(of: proposal.closesAt.addingTimeInterval(-1)).longText }

  var body: Node<HTML.BodyContext> {
    .div(
      .class("ballot-paper"),
      .h1(.text("Ballot paper: \(proposal.title)")),
      .p(.class("no-print"), .a(.href(SiteURL.proposal(.value(proposal.id)).path), "Back to the proposal")),
      .forEach(proposal.text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) },
      SettingChanges.summary(proposal, now: model.valueNow),
      HatChange.summary(proposal, hatNow: model.hatNow),
      marking,
      .h2("Your name"),
      .div(.class("write-in"), .attribute(named: "aria-hidden", value: "true")),
      .h2("Sending it back"),
      .p(
        .text(
          "Give or post it to the co-op so that it arrives by \(lastDay). A hat holder enters it for you; the "
            + "co-op's record says it was a postal vote and who entered it."
            + (proposal.kind.isSecret
              ? " The one who enters it sees your numbers; the co-op keeps them without your name."
              : " Your answer and your reason are shown to the members, as everyone's are."))))
  }

  var marking: Node<HTML.BodyContext> {
    if proposal.kind == .timePoll { return timeMarking }
    guard let election = proposal.election else {
      return .group(
        .h2("Your answer"),
        .p(.text("Put an X in one box.")),
        .ul(
          .class("ballot-boxes"),
          .forEach(proposal.kind.choices) { choice in
            .li(.span(.class("ballot-box"), .attribute(named: "aria-hidden", value: "true")), .text(choice.label))
          }),
        .h2("Your reason"),
        .p(
          .text(
            proposal.kind == .consent ? "If you object, say why: an objection needs a reason." : "If you like, say why."
          )),
        .div(.class("write-in tall"), .attribute(named: "aria-hidden", value: "true")))
    }
    return .group(
      .h2("Number the candidates"),
      .p(
        .text(
          "Write 1 in the box beside your first choice, 2 beside your next, and so on. Number as many or as few as "
            + "you like. \(election.seats) will be elected.")),
      .ul(
        .class("ballot-boxes"),
        .forEach(election.candidates) { candidate in
          .li(.span(.class("ballot-box"), .attribute(named: "aria-hidden", value: "true")), .text(candidate.name))
        }))
  }
}
