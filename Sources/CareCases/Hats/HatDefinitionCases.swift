import CareCore
import CareStore
import Foundation

/// A hat's definition by decision: the hats as decided today, what a proposal would change, and the words the
/// count's message uses.
extension Cases {
  /// The co-op's hats with their holders, each defined as decisions set it by today.
  func definedHats(_ coop: ID<Coop>) async throws -> [HatWithHolders] {
    let decided = try await store.decidedDefinitions(coop: coop)
    let day = today
    return try await store.hats(coop: coop).map { $0.with($0.hat.defined(on: day, by: decided)) }
  }

  /// The hat a proposal would redefine, as it is defined today (nil: it redefines none).
  func hatBeingRedefined(_ proposal: Proposal) async throws -> Hat? {
    guard let hat = proposal.redefinesHat?.hatID else { return nil }
    return try await definedHats(proposal.coopID).first { $0.hat.id == hat }?.hat
  }

  /// Every definition decisions gave one hat (oldest first), and the titles of the decisions.
  func definitionHistory(_ hat: ID<Hat>, by requester: Requester) async throws
    -> (definitions: [DecidedDefinition], titles: [ID<Proposal>: String])
  {
    let definitions = try await store.decidedDefinitions(coop: requester.coopID).filter { $0.hatID == hat }
    guard !definitions.isEmpty, allows(requester, .viewProposals(coop: requester.coopID)) else {
      return (definitions, [:])
    }
    let permit = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    let decisions = Set(definitions.map(\.proposalID))
    return (
      definitions,
      Dictionary(
        uniqueKeysWithValues: try await store.proposals(permit: permit).filter { decisions.contains($0.id) }.map {
          ($0.id, $0.title)
        })
    )
  }

  /// For the result's message: what a passed decision did to a hat, in words (empty when nothing).
  func redefinitionWords(_ proposal: Proposal, _ result: ProposalResult) async throws -> String {
    guard result.outcome == .passed, let from = proposal.takesEffect, let new = proposal.redefinesHat,
      let hat = try await hatBeingRedefined(proposal)
    else { return "" }
    return " From \(max(from, today).longText), the hat “\(hat.name)” is for: \(new.definition.purpose)"
  }
}
