import CareCore
import CareStore
import Foundation

/// Your say, on the home page: the polls open now that the reader may answer and has not — the co-op's, their
/// circle's, their team's questions — soonest closing first.
extension Cases {
  func waitingForYourAnswer(by requester: Requester) async throws -> [Proposal] {
    guard let reading = try? AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID)) else { return [] }
    let now = effects.now()
    let me = requester.account.id
    var waiting: [Proposal] = []
    for proposal in try await store.proposals(permit: reading) where proposal.status(at: now) == .open {
      guard (try? await checkSees(proposal, requester)) != nil else { continue }
      let voters = try await voters(proposal)
      guard voters.contains(me), try await mayAnswer(proposal, requester, voters: voters, now: now) else { continue }
      let answered =
        switch proposal.kind {
        case .election: try await store.receipts(proposal.id, permit: reading).contains { $0.voterID == me }
        case .timePoll: try await store.timeAnswers(proposal.id, permit: reading).contains { $0.voterID == me }
        case .majority, .consent: try await store.votes(proposal.id, permit: reading).contains { $0.voterID == me }
        }
      if !answered { waiting.append(proposal) }
    }
    return waiting.sorted { ($0.closesAt, $0.title) < ($1.closesAt, $1.title) }
  }
}
