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
  /// The current term's last day, when it ends within `HatModel.warnDays` from today (nil otherwise).
  public var termEndingSoon: (holder: String, ends: Day, days: Int)? = nil
  /// Hand-overs asked for (newest first), those the viewer may approve, and the names they mention.
  public var requests: [HandoverRequest] = []
  public var mayApprove: Set<ID<HandoverRequest>> = []
  public var names: [ID<Account>: String] = [:]
  /// A hand-over of this hat waits for a second holder's approval (a privileged hat, as the members decided).
  public var needsApproval = false
  public var now = Date()
  /// Every definition decisions gave the hat (oldest first), the decisions' titles (for those who may read
  /// them), and whether the reader may propose a new one.
  public var definitions: [DecidedDefinition] = []
  public var decisionTitles: [ID<Proposal>: String] = [:]
  public var mayPropose = false

  /// How long before a term's end the hat page warns: a month, time to hold an election.
  public static let warnDays = 31
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
    return try await definedHats(requester.coopID).map {
      HatSummary(hat: $0.hat, scope: Self.scope($0.hat, circles), current: $0.current(on: today).map(\.1.name))
    }
  }

  /// The hat with its holders, as the API gives it.
  public func hatWithHolders(_ id: ID<Hat>, by requester: Requester) async throws -> HatWithHolders {
    try require(requester, .viewHats(coop: requester.coopID))
    guard let hat = try await definedHats(requester.coopID).first(where: { $0.hat.id == id }) else {
      throw CareError.notFound
    }
    return hat
  }

  public func hatsWithHolders(by requester: Requester) async throws -> [HatWithHolders] {
    try require(requester, .viewHats(coop: requester.coopID))
    return try await definedHats(requester.coopID)
  }

  public func hat(_ id: ID<Hat>, by requester: Requester) async throws -> HatModel {
    let hat = try await hatWithHolders(id, by: requester)
    let mayHandOver = allows(requester, .handOverHat(coop: requester.coopID))
    var model = HatModel(
      hat: hat, scope: Self.scope(hat.hat, try await store.circles(coop: requester.coopID)),
      people: mayHandOver ? try await store.accounts(coop: requester.coopID).filter { $0.email != nil } : [],
      mayHandOver: mayHandOver)
    let viewing = try AccessPolicy.permit(requester, .viewHats(coop: requester.coopID))
    model.requests = try await store.handoverRequests(id, permit: viewing)
    model.now = effects.now()
    model.mayApprove = Set(
      model.requests.filter {
        $0.isWaiting(at: model.now)
          && allows(requester, .approveHandover(coop: requester.coopID, askedBy: $0.askedBy, to: $0.to))
      }.map(\.id))
    model.names = try await store.accountNames(Array(Set(model.requests.flatMap { [$0.to, $0.askedBy] })))
    model.needsApproval = try await needsSecondApproval(hat.hat, coop: requester.coopID)
    (model.definitions, model.decisionTitles) = try await definitionHistory(id, by: requester)
    model.mayPropose = allows(requester, .propose(coop: requester.coopID))
    let today = today
    if let (holding, account) = hat.current(on: today).first, let ends = holding.termEnd,
      ends.days(since: today) < HatModel.warnDays, holding.endedOn == nil
    {
      model.termEndingSoon = (account.name, ends, ends.days(since: today))
    }
    return model
  }

  /// Hands the hat over for a term (ending the holding it replaces, if any); returns the hat as it is now. A
  /// privileged hat, when the members decided so, is not handed over yet: a second hat holder is asked to
  /// approve (`HandedOver.waiting`).
  public func handOver(_ id: ID<Hat>, _ input: Handover, by requester: Requester) async throws -> HandedOver {
    let permit = try AccessPolicy.permit(requester, .handOverHat(coop: requester.coopID))
    guard let before = try await store.hat(id, coop: requester.coopID) else { throw CareError.notFound }
    if try await needsSecondApproval(before.hat, coop: requester.coopID) {
      let request = try await askHandover(before, input, permit: permit, by: requester)
      return HandedOver(hat: before, waiting: request)
    }
    _ = try await store.handOver(id, input, permit: permit, env: effects)
    return HandedOver(hat: try await hatWithHolders(id, by: requester), waiting: nil)
  }
}
