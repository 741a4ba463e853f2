import PropertyBased
import Testing

@testable import CareVotes

/// The single transferable vote on worked examples from published sources, the tie-break as documented,
/// and properties that hold for any ballots.
@Suite("Counting: the single transferable vote")
struct STVTests {
  static func ballots(_ groups: [(Int, [Int])]) -> [[Int]] {
    groups.flatMap { count, order in Array(repeating: order, count: count) }
  }

  /// Wikipedia, "Single transferable vote", the worked example (a food election): 20 guests, 3 to choose from
  /// Oranges, Pears, Chocolate, Strawberries and Hamburgers; Droop quota 6. Chocolate is elected on first
  /// preferences and its surplus goes to Strawberries and Hamburgers; Pears are excluded and elect Oranges;
  /// Hamburgers are excluded; Strawberries take the last seat. Winners: Chocolate, Oranges, Strawberries.
  @Test func theFoodElection() {
    let (oranges, pears, chocolate, strawberries, hamburgers) = (0, 1, 2, 3, 4)
    let result = STV.count(
      candidates: 5, seats: 3,
      ballots: Self.ballots([
        (4, [oranges, pears]), (2, [pears, oranges]), (8, [chocolate, strawberries]), (4, [chocolate, hamburgers]),
        (1, [strawberries]), (1, [hamburgers]),
      ]), lot: [0, 1, 2, 3, 4])
    #expect(result.quota == 6 * STV.unit && result.validBallots == 20)
    #expect(result.elected == [chocolate, oranges, strawberries])
    #expect(
      result.stages.map(\.event) == [.firstPreferences, .surplus(chocolate), .excluded(pears), .excluded(hamburgers)])
    // Chocolate's surplus of 6 from 12: half a vote a ballot, 4 to Strawberries and 2 to Hamburgers.
    let afterSurplus = result.stages[1].tallies
    #expect(afterSurplus[strawberries] == 5 * STV.unit && afterSurplus[hamburgers] == 3 * STV.unit)
    #expect(result.stages[2].elected == [oranges] && result.stages[2].tallies[oranges] == 6 * STV.unit)
  }

  /// Wikipedia, "Counting single transferable votes", the Droop quota example: 57 voters, 2 seats among
  /// Andrea, Brad, Carter and Delilah; quota 20. Andrea's surplus of 20 goes 8 to Brad and 12 to Carter; Brad
  /// is excluded and his votes elect Carter.
  @Test func andreaAndCarter() {
    let (andrea, brad, carter, delilah) = (0, 1, 2, 3)
    let result = STV.count(
      candidates: 4, seats: 2,
      ballots: Self.ballots([
        (16, [andrea, brad, carter, delilah]), (24, [andrea, carter, brad, delilah]),
        (17, [delilah, andrea, brad, carter]),
      ]), lot: [0, 1, 2, 3])
    #expect(result.quota == 20 * STV.unit)
    #expect(result.elected == [andrea, carter])
    #expect(result.stages[1].tallies[brad] == 8 * STV.unit && result.stages[1].tallies[carter] == 12 * STV.unit)
    #expect(result.stages.last?.event == .excluded(brad))
  }

  /// Wikipedia, "Instant-runoff voting", the Tennessee capital example (one seat; shares as 100 voters):
  /// Memphis leads on first preferences (42) but Knoxville wins once Chattanooga and then Nashville are
  /// excluded (58).
  @Test func oneSeatIsTheInstantRunoff() {
    let (memphis, nashville, chattanooga, knoxville) = (0, 1, 2, 3)
    let result = STV.count(
      candidates: 4, seats: 1,
      ballots: Self.ballots([
        (42, [memphis, nashville, chattanooga, knoxville]), (26, [nashville, chattanooga, knoxville, memphis]),
        (15, [chattanooga, knoxville, nashville, memphis]), (17, [knoxville, chattanooga, nashville, memphis]),
      ]), lot: [0, 1, 2, 3])
    #expect(result.elected == [knoxville])
    #expect(result.stages.map(\.event) == [.firstPreferences, .excluded(chattanooga), .excluded(nashville)])
    #expect(result.stages.last?.tallies[knoxville] == 58 * STV.unit)
  }

  /// A tie for exclusion: equal now, the one with fewer votes at the latest earlier stage where they differed
  /// goes; equal at every stage, the lot drawn at opening decides.
  @Test func tiesAreBrokenBackwardsThenByLot() {
    // One seat, 9 ballots, quota 5: A 3, B 2, C 2, D 2 at first. B, C and D tie with no earlier stage: the
    // lot (D, B, C, A) sends D first; D's two go to C (4); then B goes, and its two elect A.
    let ballots = Self.ballots([(3, [0]), (2, [1, 0]), (2, [2, 1]), (2, [3, 2])])
    let byLot = STV.count(candidates: 4, seats: 1, ballots: ballots, lot: [3, 1, 2, 0])
    #expect(byLot.stages[1].event == .excluded(3) && byLot.stages[2].event == .excluded(1))
    #expect(byLot.elected == [0])
    // With the lot naming B first, B goes first.
    let otherLot = STV.count(candidates: 4, seats: 1, ballots: ballots, lot: [1, 3, 2, 0])
    #expect(otherLot.stages[1].event == .excluded(1) && otherLot.elected == [0])
    // Backwards: one seat, 12 ballots, quota 7: A 6, X 2, Y 3, Z 1. Z goes and its ballot lifts X to 3, tied
    // with Y; at the first stage X had fewer, so X goes, though the lot names Y first.
    let (a, x, y, z) = (0, 1, 2, 3)
    let backwards = STV.count(
      candidates: 4, seats: 1, ballots: Self.ballots([(6, [a]), (3, [y]), (2, [x]), (1, [z, x])]), lot: [y, x, z, a])
    #expect(backwards.stages[1].event == .excluded(z))
    #expect(backwards.stages[1].tallies[x] == backwards.stages[1].tallies[y])
    #expect(backwards.stages[2].event == .excluded(x) && backwards.elected == [a])
  }

  /// Ballots with gaps or repeats use their preferences up to the first bad one; an empty ballot is not valid.
  @Test func badPreferencesEndABallot() {
    #expect(STV.usablePreferences([2, 0, 2, 1], candidates: 3) == [2, 0])
    #expect(STV.usablePreferences([5, 0], candidates: 3) == [])
    let result = STV.count(candidates: 2, seats: 1, ballots: [[], [9], [1], [1, 0], [0]], lot: [0, 1])
    #expect(result.validBallots == 3 && result.elected == [1])
  }

  /// For any ballots: as many elected as there are seats (or candidates, if fewer), none twice; anyone with a
  /// quota of first preferences is elected; the order of the ballots does not change the result; votes are
  /// never made from nothing.
  @Test func anyBallotsGiveAProperResult() async {
    await propertyCheck(input: Gen.int(in: 0...Int(Int32.max)), Gen.int(in: 1...6), Gen.int(in: 1...4)) {
      seed, candidates, seats in
      var state = UInt64(seed) &+ 7
      func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
      }
      let ballots = (0..<next(40)).map { _ in
        var pool = Array(0..<candidates)
        return (0..<next(candidates + 1)).map { _ in pool.remove(at: next(pool.count)) }
      }
      let lot = Array(0..<candidates).sorted { _, _ in next(2) == 0 }
      let result = STV.count(candidates: candidates, seats: seats, ballots: ballots, lot: lot)
      #expect(result.elected.count == min(seats, candidates) && Set(result.elected).count == result.elected.count)
      let first = Dictionary(grouping: ballots.compactMap(\.first), by: { $0 }).mapValues(\.count)
      let surelyIn = first.filter { $0.value * STV.unit >= result.quota }.keys
      #expect(surelyIn.allSatisfy(result.elected.contains))
      var shuffled = ballots
      for i in shuffled.indices.reversed() { shuffled.swapAt(i, next(i + 1)) }
      #expect(STV.count(candidates: candidates, seats: seats, ballots: shuffled, lot: lot) == result)
      #expect(result.stages.allSatisfy { $0.tallies.reduce(0, +) + $0.exhausted <= result.validBallots * STV.unit })
    }
  }
}
