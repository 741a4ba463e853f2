import CareCore
import Foundation

/// The demo co-op's elections: one closed and counted (its secretary, chosen last week by five secret
/// ballots), one open (two members to the board; the family member has voted).
extension Cases {
  @discardableResult
  public func seedDemoElections(_ demo: DemoCoop) async throws -> Proposal {
    let admin = try await requester(for: demo.admin)
    let permit = try AccessPolicy.permit(admin, .propose(coop: admin.coopID))
    let members = try await store.votingMembers(coop: admin.coopID, on: today)
    let names = try await store.accountNames(members)
    let valid = try NewProposal(
      title: "Elect the co-op's secretary", text: "For two years from the spring members' meeting.",
      kind: ProposalKind.election.rawValue, share: nil, quorum: 3, closesOn: today.iso, seats: 1,
      candidates: [demo.sameCircleWorker, demo.family, demo.teamWorker].map(\.id.description)
    ).validated(today: today, members: members.count, candidatesFrom: names)
    let now = effects.now()
    let closesAt = now.addingTimeInterval(-86_400)
    let closed = try await store.addProposal(
      valid, opensAt: closesAt.addingTimeInterval(-7 * 86_400), closesAt: closesAt,
      countJob: (JobKind.countPolls.rawValue, "{}", now), lot: [2, 3, 1], permit: permit, env: effects)
    // The ballots went in while it was open.
    let then = Effects(now: { closesAt.addingTimeInterval(-3_600) }, newID: effects.newID)
    let ballots: [(Account, [Int])] = [
      (demo.teamWorker, [3, 1]), (demo.family, [2, 1]), (demo.arranger, [1]), (demo.personAccount, [3, 2]),
      (demo.sameCircleWorker, [1, 3]),
    ]
    var generator = SystemRandomNumberGenerator()
    for (voter, ranking) in ballots {
      let permit = try AccessPolicy.permit(try await requester(for: voter), .vote(coop: admin.coopID))
      try await store.castBallot(
        closed.id, ranking: ranking, codeHash: Tokens.hash(BallotCode.make(using: &generator)), permit: permit,
        env: then)
    }
    try await countDuePolls()

    let open = try await addProposal(
      NewProposal(
        title: "Elect two members to the board", text: "Two of the board's seats are up this year.",
        kind: ProposalKind.election.rawValue, share: nil, quorum: 3, closesOn: today.adding(days: 21).iso, seats: 2,
        candidates: [demo.arranger, demo.teamWorker, demo.sameCircleWorker, demo.rotaKeeper].map(\.id.description)),
      by: admin)
    try await castBallot(open.id, .list([2, 1]), code: nil, by: try await requester(for: demo.family))
    return open
  }
}
