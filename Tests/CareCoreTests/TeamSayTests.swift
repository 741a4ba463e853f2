import CareCore
import Foundation
import PropertyBased
import Testing

/// The team's final say, as a pure rule: who must say yes under each say, what an objection does, and when
/// the time to object runs out.
@Suite("The team's say")
struct TeamSayTests {
  static let person = ID<Account>(UUID())
  static let arranger = ID<Account>(UUID())
  static let sister = ID<Account>(UUID())
  static let worker = ID<Account>(UUID())
  static let parties = TeamDecision.Parties(person: person, arrangers: [arranger], others: [sister, worker])
  static let start = Date(timeIntervalSince1970: 1_780_000_000)

  static func decision(_ say: TeamSay, _ answers: [(ID<Account>, TeamChoice)]) -> TeamDecision {
    TeamDecision(
      id: ID(UUID()), personID: ID(UUID()), matter: .plan, subjectID: UUID(), summary: "Risks", say: say,
      proposedBy: worker, proposedAt: start, closesAt: TeamDecision.closes(after: start, say: say),
      answers: answers.enumerated().map { n, pair in
        TeamAnswer(
          accountID: pair.0, choice: pair.1, reason: pair.1 == .objection ? "Not yet" : "",
          at: start.addingTimeInterval(Double(n)))
      }, outcome: nil)
  }

  /// "a": agreed, "d": declined, "w": still waiting — an hour after the proposal, and four days after.
  static let table: [(TeamSay, [(ID<Account>, TeamChoice)], String, String)] = [
    (.personOrArranger, [], "w", "w"),
    (.personOrArranger, [(arranger, .yes)], "a", "a"),
    (.personOrArranger, [(person, .no)], "d", "d"),
    // The person's own answer counts over their arranger's.
    (.personOrArranger, [(arranger, .yes), (person, .no)], "d", "d"),
    (.person, [(arranger, .yes)], "w", "w"),
    (.person, [(arranger, .no), (person, .yes)], "a", "a"),
    (.personAndArranger, [(person, .yes)], "w", "w"),
    (.personAndArranger, [(arranger, .yes)], "w", "w"),
    (.personAndArranger, [(person, .yes), (arranger, .yes)], "a", "a"),
    (.personAndArranger, [(person, .yes), (arranger, .no)], "d", "d"),
    // By consent: the person's yes and the team's silence until the time runs out.
    (.teamConsent, [(person, .yes)], "w", "a"),
    (.teamConsent, [(person, .yes), (sister, .consent), (worker, .concern)], "a", "a"),
    (.teamConsent, [(person, .yes), (sister, .objection)], "w", "d"),
    // An objection withdrawn (a later answer) no longer stands.
    (.teamConsent, [(person, .yes), (sister, .objection), (sister, .consent)], "w", "a"),
    (.teamConsent, [(sister, .consent), (worker, .consent)], "w", "w"),
    (.teamConsent, [(person, .no), (sister, .consent), (worker, .consent)], "d", "d"),
    (.teamConsent, [(person, .yes), (arranger, .objection)], "w", "d"),
  ]

  @Test(arguments: table.indices)
  func eachSayWeighsTheAnswersAsItSays(row: Int) {
    let (say, answers, soon, late) = Self.table[row]
    let decision = Self.decision(say, answers)
    func letter(_ state: TeamDecision.State) -> String {
      switch state {
      case .waiting: "w"
      case .agreed: "a"
      case .declined: "d"
      }
    }
    #expect(letter(decision.state(parties: Self.parties, now: Self.start.addingTimeInterval(3600))) == soon)
    #expect(letter(decision.state(parties: Self.parties, now: Self.start.addingTimeInterval(4 * 86_400))) == late)
  }

  @Test func whoMayGiveWhichAnswer() {
    #expect(TeamDecision.choices(for: Self.person, in: Self.parties, say: .person) == [.yes, .no])
    #expect(TeamDecision.choices(for: Self.arranger, in: Self.parties, say: .person).isEmpty)
    #expect(TeamDecision.choices(for: Self.sister, in: Self.parties, say: .personOrArranger).isEmpty)
    #expect(TeamDecision.choices(for: Self.sister, in: Self.parties, say: .teamConsent) == TeamChoice.teamChoices)
    #expect(TeamDecision.choices(for: ID(UUID()), in: Self.parties, say: .teamConsent).isEmpty)
  }

  /// Whatever the answers and whenever it is weighed: a no from the person always stops it; under "me alone"
  /// nobody else's answer matters; by consent, nothing is agreed while an objection stands, and nothing is
  /// agreed without a yes from the person's side.
  @Test func noAnswersCanOverruleThePerson() async {
    let who = [Self.person, Self.arranger, Self.sister, Self.worker]
    await propertyCheck(
      input: Gen.int(in: 0...3), Gen.int(in: 0...((1 << 24) - 1)), Gen.int(in: 0...5), Gen.int(in: 0...5)
    ) { sayIndex, bits, count, hours in
      let say = TeamSay.allCases[sayIndex]
      var answers: [(ID<Account>, TeamChoice)] = []
      for n in 0..<count {
        let pick = (bits >> (n * 4)) & 0xF
        answers.append((who[pick % 4], TeamChoice.allCases[(pick / 4 + n) % TeamChoice.allCases.count]))
      }
      let decision = Self.decision(say, answers)
      let state = decision.state(parties: Self.parties, now: Self.start.addingTimeInterval(Double(hours) * 24 * 3600))
      let last = decision.lastAnswers
      if last[Self.person]?.choice == .no { #expect(state.isSettled) }
      if case .agreed = state {
        #expect(last[Self.person]?.choice != .no)
        if say == .person { #expect(last[Self.person]?.choice == .yes) }
        if say == .personAndArranger {
          #expect(last[Self.person]?.choice == .yes && last[Self.arranger]?.choice == .yes)
        }
        if say == .teamConsent {
          #expect(!last.values.contains { $0.choice == .objection })
          #expect(last[Self.person]?.choice == .yes || last[Self.arranger]?.choice == .yes)
        }
      }
    }
  }
}
