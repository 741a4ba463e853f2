import CareCore
import Foundation
import Testing

/// A hat's new definition carried by a proposal: checked with the rest of the proposal (the hat among those the
/// decision may change, a purpose, at most 12 accountabilities of 200 characters, only by consent or majority,
/// with the day it takes effect), and the definition on a day is the latest decided by then.
@Suite("A hat's definition by decision")
struct HatDefinitionTests {
  static let hat = ID<Hat>(UUID())
  static let today = Day(iso: "2026-05-28")!

  static func proposal(
    kind: String = "consent", hat: String? = Self.hat.description, purpose: String? = "Keeps the books.",
    accountabilities: [String] = ["Send invoices"], from: String? = "2026-06-01"
  ) -> NewProposal {
    NewProposal(title: "Finance", text: "Why.", kind: kind, share: nil, quorum: 0, closesOn: "2026-05-30")
      .redefining(hat, purpose: purpose, accountabilities: accountabilities)
      .changing([:], from: from)
  }

  /// (the proposal) → the fields refused.
  @Test(arguments: [
    (proposal(hat: UUID().uuidString), ["redefines"]),
    (proposal(hat: "not an id"), ["redefines"]),
    (proposal(hat: nil), ["redefines", "takesEffect"]),
    (proposal(hat: nil, from: nil), ["redefines"]),
    (proposal(purpose: "  "), ["hatPurpose"]),
    (proposal(purpose: String(repeating: "p", count: 301)), ["hatPurpose"]),
    (proposal(purpose: "Two\nlines"), ["hatPurpose"]),
    (proposal(accountabilities: Array(repeating: "One more", count: 13)), ["hatAccountabilities"]),
    (proposal(accountabilities: ["Fine", String(repeating: "a", count: 201), " "]), ["hatAccountabilities"]),
    (proposal(from: nil), ["takesEffect"]),
    (proposal(from: "2026-05-30"), ["takesEffect"]),
    (proposal(kind: "time-poll"), ["redefines", "times"]),
    (proposal().forTeam(UUID().uuidString), ["redefines"]),
  ])
  func badDefinitionsAreRefused(new: NewProposal, fields: [String]) {
    do {
      _ = try new.validated(today: Self.today, members: 10, hats: [Self.hat: "Finance"])
      Issue.record("accepted")
    } catch {
      guard case .invalid(let errors) = error else { return #expect(Bool(false)) }
      #expect(Set(errors.map(\.field)) == Set(fields), "\(errors)")
    }
  }

  @Test func aGoodDefinitionIsKeptAsTyped() throws {
    let valid = try Self.proposal(accountabilities: ["  Send invoices ", "Pay workers steadily"])
      .validated(today: Self.today, members: 10, hats: [Self.hat: "Finance"])
    #expect(
      valid.redefinition
        == HatRedefinition(
          hatID: Self.hat,
          definition: HatDefinition(
            purpose: "Keeps the books.", accountabilities: ["Send invoices", "Pay workers steadily"])))
    #expect(valid.takesEffect == Day(iso: "2026-06-01") && valid.changes.isEmpty)
    // A majority vote may carry it too; with no hat chosen and nothing typed, there is none.
    #expect(
      try Self.proposal(kind: "majority").validated(today: Self.today, members: 10, hats: [Self.hat: "F"])
        .redefinition?.hatID == Self.hat)
    #expect(
      try Self.proposal(hat: "", purpose: "", accountabilities: [], from: "")
        .validated(today: Self.today, members: 10).redefinition == nil)
  }

  @Test func theDefinitionOnADayIsTheLatestDecidedByThen() {
    let hat = Hat(
      id: Self.hat, coopID: ID(UUID()), circleID: nil, kind: .finance, name: "Finance", purpose: "Founding words.",
      accountabilities: ["Keep the accounts"])
    let t = Date(timeIntervalSince1970: 1_780_000_000)
    func decided(_ purpose: String, _ from: String, at: Date, hat: ID<Hat> = Self.hat) -> DecidedDefinition {
      DecidedDefinition(
        hatID: hat, definition: HatDefinition(purpose: purpose, accountabilities: [purpose]), from: Day(iso: from)!,
        proposalID: ID(UUID()), recordedAt: at)
    }
    let decisions = [
      decided("July, counted last", "2026-07-01", at: t + 1), decided("June", "2026-06-01", at: t),
      decided("July, counted first", "2026-07-01", at: t),
      decided("Another hat's", "2026-06-02", at: t, hat: ID(UUID())),
    ]
    #expect(hat.defined(on: Day(iso: "2026-05-31")!, by: decisions) == hat)
    #expect(hat.defined(on: Day(iso: "2026-06-30")!, by: decisions).purpose == "June")
    #expect(hat.defined(on: Day(iso: "2026-07-01")!, by: decisions).accountabilities == ["July, counted last"])
    #expect(hat.defined(on: Day(iso: "2026-07-01")!, by: decisions).name == "Finance")
  }
}
