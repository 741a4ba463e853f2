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
    var answerable: [Proposal] = []
    // Who answers depends only on the poll's scope (the co-op, a circle, a team): asked once a scope.
    var votersOf: [String: [ID<Account>]] = [:]
    for proposal in try await store.openProposals(permit: reading, at: now) where proposal.status(at: now) == .open {
      guard (try? await checkSees(proposal, requester)) != nil else { continue }
      let scope =
        proposal.teamPersonID.map { "team \($0)" } ?? proposal.circleID.map { "circle \($0)" } ?? "co-op"
      let voters: [ID<Account>]
      if let known = votersOf[scope] {
        voters = known
      } else {
        voters = try await self.voters(proposal)
        votersOf[scope] = voters
      }
      guard voters.contains(me), try await mayAnswer(proposal, requester, voters: voters, now: now) else { continue }
      answerable.append(proposal)
    }
    let answered = try await store.answeredByRequester(answerable.map(\.id), permit: reading)
    let waiting = answerable.filter { !answered.contains($0.id) }
    return waiting.sorted { ($0.closesAt, $0.title) < ($1.closesAt, $1.title) }
  }
}
