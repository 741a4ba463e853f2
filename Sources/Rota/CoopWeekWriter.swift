import Foundation

/// Writes a problem as CareCoop's week file (`*.week.json`, read by `CoopWeekReader`), exactly: each
/// carer's working days as shifts (leave, back by, most minutes of visits), their zone of consent, each
/// person's wishes, backup and team, and each visit as one entry a day (a pair with its gaps). Reading the
/// file back gives the same problem: the same plan costs the same and breaks the same rules.
public enum CoopWeekWriter {
  struct File: Encodable {
    struct Consent: Encodable {
      let people: [String]?
      let tasks: [String]?
      let maxJourney: Double?
    }
    struct Carer: Encodable {
      let id: String
      let skills: [String]
      let base: Int
      let consent: Consent?
      let shifts: [CoopWeekReader.File.Shift]
    }
    struct Visit: Encodable {
      let skill: String
      let duration: Double
      let earliest: Double
      let latest: Double
      let days: [Int]
      let carers: Int
      let minGap: Double?
      let maxGap: Double?
    }
    struct Person: Encodable {
      let id: String
      let location: Int
      let preferred: [String]
      let declined: [String]
      let backup: String?
      let flexibility: Double
      let team: [String]
      let visits: [Visit]
    }
    let name: String
    let days: Int
    let skills: [String]
    let travel: [[Double]]
    let carers: [Carer]
    let people: [Person]
  }

  public static func write(_ problem: RotaProblem) throws -> Data {
    let carerID = problem.carers.map(\.name)
    let personID = problem.personIDs
    let skillID = problem.skillIDs
    let names = { (carers: Set<Int>) in carers.sorted().map { carerID[$0] } }
    let partner = problem.partner
    let carers = problem.carers.indices.map { c in
      let consent = problem.consent[c].map { z in
        File.Consent(
          people: z.people.map { $0.sorted().map { personID[$0] } },
          tasks: z.tasks.map { $0.sorted().map { skillID[$0] } },
          maxJourney: z.maxJourney)
      }
      let shifts = problem.shifts.filter { $0.carer == c }.map { s in
        CoopWeekReader.File.Shift(
          day: s.day, start: s.start, end: s.maxDuration.isFinite ? s.maxDuration : 24 * 60 * 31,
          capacity: s.capacity.isFinite ? s.capacity : nil)
      }
      return File.Carer(
        id: carerID[c], skills: problem.carers[c].skills.sorted().map { skillID[$0] },
        base: problem.carers[c].startNode,
        consent: consent, shifts: shifts)
    }
    var visits = [[File.Visit]](repeating: [], count: personID.count)
    var location = [Int](repeating: 0, count: personID.count)
    for (s, service) in problem.services.enumerated() {
      location[service.person] = service.node
      var count = 1
      var gaps: (Double, Double)?
      if let p = partner[s] {
        let sync = problem.syncs[p]
        guard sync.first == s else { continue }  // the pair is written once, with its first half
        count = 2
        gaps = (sync.minGap, sync.maxGap)
      }
      visits[service.person].append(
        File.Visit(
          skill: skillID[service.skill], duration: service.duration, earliest: service.earliest,
          latest: service.latest, days: [service.day], carers: count, minGap: gaps?.0, maxGap: gaps?.1))
    }
    let people = personID.indices.map { p in
      let wishes = problem.wishes[p]
      return File.Person(
        id: personID[p], location: location[p], preferred: names(wishes?.preferred ?? []),
        declined: names(wishes?.declined ?? []), backup: problem.backup[p].map { carerID[$0] },
        flexibility: wishes?.flexibility ?? 0, team: names(problem.team[p] ?? []), visits: visits[p])
    }
    let days = max(1, (problem.shifts.map(\.day) + problem.services.map(\.day)).max().map { $0 + 1 } ?? 1)
    let file = File(
      name: problem.name, days: days, skills: skillID, travel: problem.travel, carers: carers, people: people)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(file)
  }
}
