import CareCore
import CareStore
import Foundation

/// The "people supported" page's model.
public struct PeopleModel: Sendable {
  public let people: [(Person, Account)]
  public let circles: [Circle]
}

/// Adding people supported, which starts their team.
extension Cases {
  public func people(by requester: Requester) async throws -> PeopleModel {
    try require(requester, .createPerson(requester.coopID))
    return PeopleModel(
      people: try await store.people(coop: requester.coopID), circles: try await store.circles(coop: requester.coopID))
  }

  /// Adds a person and starts their team; returns the new team.
  public func addPerson(_ input: NewPerson, by requester: Requester) async throws -> Team {
    let permit = try AccessPolicy.permit(requester, .createPerson(requester.coopID))
    return try await store.createPerson(input, permit: permit, env: effects)
  }
}
