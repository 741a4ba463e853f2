import Foundation

/// The answer: allowed (perhaps on the person's behalf), or refused as if the thing did not exist
/// (`notFound`: the actor may not know it exists) or as seen-but-not-yours (`forbidden`).
public enum Decision: Equatable, Sendable {
  case allowed(onBehalfOf: ID<Person>?)
  case forbidden
  case notFound

  public static let allowed = Decision.allowed(onBehalfOf: nil)

  public var isAllowed: Bool {
    if case .allowed = self { return true }
    return false
  }

  /// Throws the matching domain error unless allowed; returns on whose behalf the actor acts.
  @discardableResult
  public func require() throws(CareError) -> ID<Person>? {
    switch self {
    case .allowed(let person): return person
    case .forbidden: throw .forbidden
    case .notFound: throw .notFound
    }
  }
}

/// Proof that the access policy allowed one requester one action on the facts it was shown. Only
/// `AccessPolicy.permit` makes one (the initializer is CareCore's own), and the store's writes to a person's
/// things and its reads of their log take one: no path reaches them without the policy having said yes.
public struct Permit: Sendable {
  public let requester: Requester
  public let action: Action
  /// Someone acting for the person (an arranger): written into the audit line.
  public let onBehalfOf: ID<Person>?
  /// Set when only a safeguarding override allowed the action: the use case writes its use to the log.
  public let override: AccessGrant?

  init(requester: Requester, action: Action, onBehalfOf: ID<Person>?, override: AccessGrant? = nil) {
    self.requester = requester
    self.action = action
    self.onBehalfOf = onBehalfOf
    self.override = override
  }

  public var coopID: ID<Coop> { requester.coopID }

  /// The person whose things the action touches, for actions on a team.
  public var personID: ID<Person>? {
    switch action {
    case .viewTeam(let team), .viewWhoLooked(let team), .changeTeam(let team), .changePersonDetails(let team),
      .respondToInvitation(let team), .proposePattern(let team), .answerPattern(let team), .changeHome(let team),
      .overrideSafeguarding(let team), .reviewOverride(let team, _), .viewRecords(let team),
      .confirmVisitTimes(let team),
      .viewMedicines(let team), .proposeMedicine(let team), .answerMedicine(let team), .viewMedia(let team),
      .viewPlan(let team), .proposePlanChange(let team), .answerPlanChange(let team),
      .addMedia(let team), .changeMediaConsent(let team), .viewHours(let team), .changeHours(let team),
      .viewMoney(let team), .manageFunding(let team), .choosePayments(let team),
      .changeRecordSettings(let team), .viewDocuments(let team), .addDocument(let team),
      .changeDocumentSharing(let team), .setTeamSay(let team), .weighIn(let team):
      team.personID
    case .recordVisit(let visit), .readBeforeVisit(let visit, _): visit.team.personID
    default: nil
    }
  }

  /// The circle whose week the action plans or publishes.
  public var circleID: ID<Circle>? {
    switch action {
    case .planWeek(_, let circle), .askCover(_, let circle, _): circle
    default: nil
    }
  }

  /// The worker whose things the action touches (their cover, consent, engagements).
  public var workerID: ID<Account>? {
    switch action {
    case .askCover(_, _, let worker), .answerCover(_, let worker), .changeConsentZone(_, let worker),
      .viewEngagement(_, let worker), .viewPay(_, let worker), .choosePay(_, let worker):
      worker
    default: nil
    }
  }

  /// Whether this permit is for one of those kinds of action.
  public func covers(anyOf kinds: Set<Action.Kind>) -> Bool { kinds.contains(action.kind) }

  /// Whether this permit is for that kind of action (on that person, when one is named); the store refuses
  /// work whose permit is for something else.
  public func covers(_ kind: Action.Kind, person: ID<Person>? = nil) -> Bool {
    action.kind == kind && (person == nil || personID == person)
  }
}

extension AccessPolicy {
  /// Asks the policy and, if allowed, gives the permit the store asks for; refused, it throws as `require`.
  public static func permit(_ requester: Requester, _ action: Action) throws(CareError) -> Permit {
    let onBehalf = try decide(requester, action).require()
    // Asked again without grants only when there are any: every request makes permits.
    let byOverride = !requester.grants.isEmpty && !decide(requester.withoutGrants, action).isAllowed
    return Permit(
      requester: requester, action: action, onBehalfOf: onBehalf,
      override: byOverride ? permitPersonOverride(requester, action) : nil)
  }

  private static func permitPersonOverride(_ requester: Requester, _ action: Action) -> AccessGrant? {
    Permit(requester: requester, action: action, onBehalfOf: nil).personID.flatMap { requester.override(for: $0) }
  }
}
