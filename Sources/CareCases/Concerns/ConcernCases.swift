import CareCore
import CareStore
import Foundation

/// The concerns page: what the reader may see (their own; every one for the hats that handle them), the
/// monthly trend (numbers only, for everyone in the co-op), and whether they handle concerns.
public struct ConcernsModel: Sendable {
  public let concerns: [Concern]
  public let trend: ConcernTrend
  public let handles: Bool
  public let today: Day
  public let names: [ID<Account>: String]
  /// The people whose teams the reader is in (a concern may be about one), and the names of those the
  /// concerns listed are about.
  public var teams: [(person: ID<Person>, name: String)] = []
  public var people: [ID<Person>: String] = [:]

  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone no longer with the co-op" }
}

/// One concern with its steps, and whether the reader may move it on.
public struct ConcernModel: Sendable {
  public let concern: Concern
  public let handles: Bool
  public let today: Day
  public let names: [ID<Account>: String]
  /// The name of the person whose support it is about.
  public var about: String? = nil

  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone no longer with the co-op" }
}

/// Concerns and feedback: anyone in the co-op raises a concern, a suggestion or a compliment; the registered
/// manager and administrators are told, and move it on — acknowledged, looked into, its outcome — each step
/// kept (append-only) and the one who raised it told. Everyone sees the monthly trend; only the raiser and
/// those who handle concerns see what one says.
extension Cases {
  public func concerns(by requester: Requester) async throws -> ConcernsModel {
    let permit = try concernPermit(requester)
    let handles = permit.action.kind == .handleConcerns
    let visible = try await store.concerns(permit: permit)
    var model = ConcernsModel(
      concerns: visible, trend: try await store.concernTrend(through: today, permit: permit), handles: handles,
      today: today,
      names: try await store.accountNames(Array(Set(visible.map(\.raisedBy) + visible.flatMap { $0.steps.map(\.by) }))))
    model.teams = try await questionTeams(requester)
    model.people = try await store.personNames(Array(Set(visible.compactMap(\.personID))))
    return model
  }

  public func concern(_ id: ID<Concern>, by requester: Requester) async throws -> ConcernModel {
    let permit = try concernPermit(requester)
    guard let concern = try await store.concern(id, permit: permit, env: effects) else { throw CareError.notFound }
    var model = ConcernModel(
      concern: concern, handles: permit.action.kind == .handleConcerns, today: today,
      names: try await store.accountNames([concern.raisedBy] + concern.steps.map(\.by)))
    if let person = concern.personID { model.about = try await store.personNames([person])[person] }
    return model
  }

  /// Whether the requester may raise a concern: asked before a body is read.
  public func checkMayRaiseConcern(by requester: Requester) throws {
    _ = try AccessPolicy.permit(requester, .raiseConcern(coop: requester.coopID))
  }

  /// Whether the requester handles concerns: asked before a body is read.
  public func checkMayHandleConcerns(by requester: Requester) throws {
    _ = try AccessPolicy.permit(requester, .handleConcerns(coop: requester.coopID))
  }

  @discardableResult
  public func raiseConcern(_ new: NewConcern, by requester: Requester) async throws -> Concern {
    let permit = try AccessPolicy.permit(requester, .raiseConcern(coop: requester.coopID))
    let teams = try await questionTeams(requester)
    let valid = try new.validated(teams: Set(teams.map(\.person)))
    let about = valid.personID.flatMap { person in teams.first { $0.person == person }?.name }
    let handlers = try await concernHandlers(requester.coopID).filter { $0 != requester.account.id }
    let messages = handlers.map { handler in
      NewMessage(
        to: handler, subject: "\(valid.kind.label) raised: “\(valid.title)”",
        body: (about.map { "It is about \($0)'s support. " } ?? "")
          + "Acknowledge it within \(ConcernState.acknowledged.promisedDays!) days, and give an outcome within "
          + "\(ConcernState.outcome.promisedDays!).",
        link: links.concernPath(nil))
    }
    return try await store.raiseConcern(valid, messages: messages, mailJob: Self.mailJob, permit: permit, env: effects)
  }

  /// Moves a concern on (the hats that handle them): forward only; an outcome says what was found and what
  /// changes. The one who raised it is told.
  @discardableResult
  public func moveConcern(_ id: ID<Concern>, _ step: NewConcernStep, by requester: Requester) async throws -> Concern {
    let permit = try AccessPolicy.permit(requester, .handleConcerns(coop: requester.coopID))
    guard let concern = try await store.concern(id, permit: permit, env: effects, looks: false) else {
      throw CareError.notFound
    }
    let state = try step.validated(for: concern)
    let note = step.words
    let link = links.concernPath(id)
    return try await store.moveConcern(
      id, to: state, note: note,
      message: { moved in
        NewMessage(
          to: moved.raisedBy, subject: "Your \(moved.kind.rawValue) “\(moved.title)”: \(state.label.lowercased())",
          body: note.isEmpty ? "See where it has got to." : note, link: link)
      }, mailJob: Self.mailJob, permit: permit, env: effects)
  }

  /// The hats that handle concerns: wearers of the registered manager's hat today, and administrators.
  func concernHandlers(_ coop: ID<Coop>) async throws -> [ID<Account>] {
    let managers = try await store.hats(coop: coop).filter { $0.hat.kind == .registeredManager }
      .flatMap { $0.current(on: today).map(\.1.id) }
    let admins = try await store.accounts(coop: coop).filter(\.isAdministrator).map(\.id)
    return Array(Set(managers + admins)).sorted { $0.description < $1.description }
  }

  /// Handling concerns if the requester may, else raising them (their own).
  private func concernPermit(_ requester: Requester) throws -> Permit {
    if let permit = try? AccessPolicy.permit(requester, .handleConcerns(coop: requester.coopID)) { return permit }
    return try AccessPolicy.permit(requester, .raiseConcern(coop: requester.coopID))
  }
}
