import CareCore
import Foundation
import PropertyBased
import Testing

/// A visit's record and its times read the same however their entries arrive: nothing lost, corrections
/// pointing the right way, and the order they were sent in makes no difference (phones send late and twice).
@Suite("Visit records: reading a record and its times")
struct VisitRecordTests {
  static let day = Day(iso: "2026-12-01")!
  static let person = ID<Person>(UUID())
  static let workers = [ID<Account>(UUID()), ID<Account>(UUID())]
  static let visit = RotaVisit(
    id: ID(UUID()), weekID: ID(UUID()), personID: person, pattern: 0, slot: 0, day: day, start: 9 * 60, length: 60,
    usualStart: 9 * 60, window: 0, tasks: [.meals], workerID: workers[0], partnerID: workers[1])
  static let start = CoopCalendar.london.instant(on: day, atMinute: 9 * 60)

  /// Entries made from numbers: a kind, a time in the morning, an author, and now and then a correction of the
  /// newest earlier entry of the same kind by the same author.
  static func entries(_ numbers: [Int]) -> [RecordEntry] {
    var made: [RecordEntry] = []
    for (i, n) in numbers.enumerated() {
      let kind = RecordEntryKind.allCases[n % RecordEntryKind.allCases.count]
      let author = workers[(n / 7) % 2]
      let earlier = made.last { $0.kind == kind && $0.authorID == author }
      let corrects = (n / 14) % 3 == 0 ? earlier?.id : nil
      made.append(
        RecordEntry(
          id: ID(UUID()), coopID: ID(UUID()), personID: person, visitKey: visit.key, visitID: visit.id,
          authorID: author, kind: kind, task: kind == .task ? .meals : nil, outcome: kind == .task ? .done : nil,
          wellbeing: kind == .wellbeing ? 4 : nil, text: "entry \(i)", waterInReach: nil, pendantInReach: nil,
          isPersonalCare: false, deviceAt: start.addingTimeInterval(TimeInterval((n / 42) % 240 * 60 + i)),
          receivedAt: start.addingTimeInterval(TimeInterval(4 * 3600 + i)), corrects: corrects,
          correctionReason: corrects == nil ? nil : "Wrong"))
    }
    return made
  }

  @Test func nothingIsLostAndCorrectionsPointTheRightWayInAnyOrder() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 1...14)) { numbers in
      let entries = Self.entries(numbers)
      let record = VisitRecord(visit: Self.visit, entries: entries)
      #expect(Set(record.lines.map(\.entry.id)) == Set(entries.map(\.id)), "every entry is shown")
      #expect(record.lines.map(\.entry.deviceAt) == record.lines.map(\.entry.deviceAt).sorted())
      let corrected = Set(entries.compactMap(\.corrects))
      for line in record.lines {
        #expect((line.correctedBy != nil) == corrected.contains(line.entry.id))
        if let by = line.correctedBy { #expect(entries.first { $0.id == by }?.corrects == line.entry.id) }
      }
      #expect(record.current.allSatisfy { !corrected.contains($0.entry.id) })
      let standing = record.current.filter { $0.entry.kind == .checkIn }.map(\.entry.deviceAt)
      #expect(record.arrived == standing.min())
      // Sent in another order (a phone back in signal): the same record.
      let shuffled = VisitRecord(visit: Self.visit, entries: entries.reversed())
      #expect(shuffled.lines == record.lines)
    }
  }

  @Test func timesFollowTheNewestAnswerOfEachSideInAnyOrder() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 0...8)) { numbers in
      let answers = numbers.enumerated().map { i, n in
        let side: TimesAnswer.Side = n % 2 == 0 ? .worker : .person
        let answer: TimesAnswer.Answer = side == .worker || (n / 2) % 3 != 0 ? .confirm : .dispute
        let from = 9 * 60 + (n / 6) % 30
        return TimesAnswer(
          id: ID(UUID()), coopID: ID(UUID()), personID: Self.person, visitKey: Self.visit.key, visitID: Self.visit.id,
          accountID: Self.workers[0], side: side, answer: answer, start: side == .worker ? from : nil,
          end: side == .worker ? from + 45 : nil, reason: answer == .dispute ? "Left early" : "",
          at: Self.start.addingTimeInterval(TimeInterval(i * 60)))
      }
      let times = VisitTimes(visit: Self.visit, answers: answers)
      let worker = answers.last { $0.side == .worker }
      let person = answers.last { $0.side == .person }
      let expected: VisitTimes.State =
        person?.answer == .dispute ? .disputed : (worker != nil && person?.answer == .confirm ? .confirmed : .pending)
      #expect(times.state == expected)
      #expect(times.confirmedMinutes == (expected == .confirmed ? 45 : nil))
      #expect((times.plannedStart, times.plannedEnd) == (9 * 60, 10 * 60), "the plan is kept beside")
      #expect(VisitTimes(visit: Self.visit, answers: answers.shuffled()) == times, "the order sent does not matter")
    }
  }
}
