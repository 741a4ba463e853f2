import CareCore
import CareStore
import Foundation

/// A person's payments towards their own care (self-funded, or from a direct payment): the statement,
/// month by month, and their choice of paying what is invoiced or a steady amount.
public struct PaymentsModel: Sendable {
  public let team: Team
  public let statement: PaymentsStatement
  /// The person, or their arranger: choose and ask to settle.
  public let mayChoose: Bool
  /// Whether any agreement of theirs is paid by them: otherwise there is nothing to choose.
  public let paysTowardsCare: Bool

  public var personName: String { team.personAccount.name }
}

extension Cases {
  /// The statement: the person, their arranger and the finance hat.
  public func payments(_ personID: ID<Person>, by requester: Requester) async throws -> PaymentsModel {
    let (team, permit) = try await team(personID, for: requester) { .viewMoney($0) }
    return try await model(team, permit, requester, try await store.paymentsStatement(permit: permit, env: effects))
  }

  /// Whether the requester may choose how the person pays: asked before a body is read.
  public func checkMayChoosePayments(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .choosePayments($0) }
  }

  /// Keeps the choice of paying what is invoiced (1) or a steady amount over 2, 3, 4 or 6 months.
  public func choosePayments(_ personID: ID<Person>, periods: Int?, by requester: Requester) async throws
    -> PaymentsModel
  {
    let (team, permit) = try await team(personID, for: requester) { .choosePayments($0) }
    let periods = try PaymentsChoice.validatedForPayments(periods: periods)
    guard try await paysTowardsCare(permit) else {
      throw CareError.conflict(
        FieldError("periods", "No agreement of theirs is paid by them: nothing is invoiced to them"))
    }
    return try await model(
      team, permit, requester, try await store.choosePayments(periods: periods, permit: permit, env: effects))
  }

  /// Asks for the whole balance to be settled at the end of the month under way.
  public func askToSettlePayments(_ personID: ID<Person>, by requester: Requester) async throws -> PaymentsModel {
    let (team, permit) = try await team(personID, for: requester) { .choosePayments($0) }
    return try await model(team, permit, requester, try await store.askToSettlePayments(permit: permit, env: effects))
  }

  private func paysTowardsCare(_ permit: Permit) async throws -> Bool {
    try await store.fundingAgreements(permit: permit).contains { FunderKind.paidByThePerson.contains($0.terms.funder) }
  }

  private func model(_ team: Team, _ permit: Permit, _ requester: Requester, _ statement: PaymentsStatement)
    async throws -> PaymentsModel
  {
    PaymentsModel(
      team: team, statement: statement, mayChoose: allows(requester, .choosePayments(TeamFacts(team))),
      paysTowardsCare: try await paysTowardsCare(permit))
  }
}
