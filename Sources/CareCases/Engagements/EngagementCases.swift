import CareCore
import CareStore
import Foundation

/// A worker's engagements page model.
public struct EngagementsModel: Sendable {
  public let worker: Account
  public let engagements: [Engagement]
  public let mayChange: Bool
  public let today: Day

  public var current: Engagement? { engagements.first { $0.covers(today) } }
}

/// Workers' engagements (basis and pay), apart from membership: the worker sees theirs; administrators and
/// the finance hat see and change them.
extension Cases {
  public func engagements(of worker: ID<Account>, by requester: Requester) async throws -> EngagementsModel {
    let permit = try AccessPolicy.permit(requester, .viewEngagement(coop: requester.coopID, worker: worker))
    guard let account = try await store.account(worker), account.coopID == requester.coopID else {
      throw CareError.notFound
    }
    return EngagementsModel(
      worker: account, engagements: try await store.engagements(permit: permit),
      mayChange: allows(requester, .changeEngagement(coop: requester.coopID)), today: today)
  }

  public func startEngagement(_ input: NewEngagement, for worker: ID<Account>, by requester: Requester) async throws
    -> Engagement
  {
    let permit = try AccessPolicy.permit(requester, .changeEngagement(coop: requester.coopID))
    guard let account = try await store.account(worker), account.coopID == requester.coopID else {
      throw CareError.notFound
    }
    let valid = try input.validated()
    return try await store.startEngagement(valid, for: worker, permit: permit, env: effects)
  }
}
