import CareCore
import CareStore
import Foundation

/// The home page's model: the viewer's own team, invitations and teams, circles and hats.
public struct HomeModel: Sendable {
  public let account: Account
  public let teams: [TeamSummary]
  public let circles: [Circle]
  public let hats: [Hat]
  public let offers: Offers
}

extension Cases {
  public func home(for requester: Requester) async throws -> HomeModel {
    let account = requester.account
    let today = today
    let circles = try await store.circles(coop: account.coopID).filter { requester.circleIDs.contains($0.id) }
    let hats = try await store.hats(coop: account.coopID)
      .filter { !$0.current(on: today).filter { $0.1.id == account.id }.isEmpty }.map(\.hat)
    return HomeModel(
      account: account, teams: try await store.teams(for: account.id), circles: circles, hats: hats,
      offers: Offers(for: requester))
  }

  /// Every co-op on the deployment, for its operator (the command line; never a page).
  public func coops() async throws -> [Coop] { try await store.coops() }

  /// For the health check: the database answers, and which engine it is.
  public func health() async throws -> String {
    _ = try await store.needsSetup()
    return store.location.engineName
  }
}
