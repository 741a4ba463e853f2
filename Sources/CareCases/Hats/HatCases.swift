import CareCore
import CareStore
import Foundation

/// A hat as listed: where it applies and who wears it today.
public struct HatSummary: Sendable {
  public let hat: Hat
  public let scope: String
  public let current: [String]
}

/// One hat's page model: its holders, and (for those who may hand it over) whom it can go to.
public struct HatModel: Sendable {
  public let hat: HatWithHolders
  public let scope: String
  public let people: [Account]
  public let mayHandOver: Bool
}

/// Hats: the roles members wear, and handing one over.
extension Cases {
  static func scope(_ hat: Hat, _ circles: [Circle]) -> String {
    hat.circleID.flatMap { id in circles.first { $0.id == id }?.name } ?? "the whole co-op"
  }

  public func hats(by requester: Requester) async throws -> [HatSummary] {
    try require(requester, .viewHats(coop: requester.coopID))
    let circles = try await store.circles(coop: requester.coopID)
    let today = today
    return try await store.hats(coop: requester.coopID).map {
      HatSummary(hat: $0.hat, scope: Self.scope($0.hat, circles), current: $0.current(on: today).map(\.1.name))
    }
  }

  /// The hat with its holders, as the API gives it.
  public func hatWithHolders(_ id: ID<Hat>, by requester: Requester) async throws -> HatWithHolders {
    try require(requester, .viewHats(coop: requester.coopID))
    guard let hat = try await store.hat(id, coop: requester.coopID) else { throw CareError.notFound }
    return hat
  }

  public func hatsWithHolders(by requester: Requester) async throws -> [HatWithHolders] {
    try require(requester, .viewHats(coop: requester.coopID))
    return try await store.hats(coop: requester.coopID)
  }

  public func hat(_ id: ID<Hat>, by requester: Requester) async throws -> HatModel {
    let hat = try await hatWithHolders(id, by: requester)
    let mayHandOver = allows(requester, .handOverHat(coop: requester.coopID))
    return HatModel(
      hat: hat, scope: Self.scope(hat.hat, try await store.circles(coop: requester.coopID)),
      people: mayHandOver ? try await store.accounts(coop: requester.coopID).filter { $0.email != nil } : [],
      mayHandOver: mayHandOver)
  }

  /// Hands the hat over for a term (ending the holding it replaces, if any); returns the hat as it is now.
  public func handOver(_ id: ID<Hat>, _ input: Handover, by requester: Requester) async throws -> HatWithHolders {
    let permit = try AccessPolicy.permit(requester, .handOverHat(coop: requester.coopID))
    _ = try await store.handOver(id, input, permit: permit, env: effects)
    guard let hat = try await store.hat(id, coop: requester.coopID) else { throw CareError.notFound }
    return hat
  }
}
