import Foundation

/// Reads CareCoop's own week file (`*.week.json`): what the co-op knows and the benchmark formats do
/// not — who each person chose and declined, their named backup, the time they will flex to keep a
/// chosen carer, and each carer's zone of consent. Times are minutes from midnight; travel in minutes.
///
///     { "name": "…", "days": 7, "skills": ["personal care", …], "travel": [[0, 12, …], …],
///       "carers": [{ "id": "amina", "skills": ["personal care"], "base": 0, "workDays": [0, 1, 2],
///                    "consent": { "people": ["alan"], "tasks": ["personal care"], "from": 420,
///                                 "until": 900, "maxJourney": 30 } }],
///       "people": [{ "id": "alan", "location": 1, "preferred": ["amina"], "declined": [], "backup": "ben",
///                    "flexibility": 45,
///                    "visits": [{ "skill": "personal care", "duration": 45, "earliest": 480, "latest": 510,
///                                 "days": [0, 1, 2], "carers": 1 }] }] }
public enum CoopWeekReader {
  struct File: Decodable {
    struct Consent: Decodable {
      let people: [String]?
      let tasks: [String]?
      let from: Double?
      let until: Double?
      let maxJourney: Double?
    }
    /// One working day exactly (exported weeks): when they may leave base, be back by, and most minutes of
    /// visits that day. Given, it replaces `workDays` and the consent's `from`/`until`.
    struct Shift: Codable {
      let day: Int
      let start: Double
      let end: Double
      let capacity: Double?
    }
    struct Carer: Decodable {
      let id: String
      let skills: [String]
      let base: Int
      let workDays: [Int]?
      let consent: Consent?
      let shifts: [Shift]?
    }
    struct Visit: Decodable {
      let skill: String
      let duration: Double
      let earliest: Double
      let latest: Double
      let days: [Int]
      let carers: Int?
      /// For two carers: the second starts between `minGap` and `maxGap` minutes after the first (0 and 0:
      /// together, the default).
      let minGap: Double?
      let maxGap: Double?
    }
    struct Person: Decodable {
      let id: String
      let location: Int
      let preferred: [String]?
      let declined: [String]?
      let backup: String?
      let flexibility: Double?
      /// Carers in the person's team (default: the preferred ones and the backup).
      let team: [String]?
      let visits: [Visit]
    }
    let name: String
    let days: Int
    let skills: [String]
    let travel: [[Double]]
    let carers: [Carer]
    let people: [Person]
  }

  public static func read(data: Data, file: String) throws -> RotaProblem {
    let f: File
    do {
      f = try JSONDecoder().decode(File.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw InstanceError(file: file, location: HHCRSPJSONReader.path(context.codingPath + [key]), message: "missing")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
      throw InstanceError(
        file: file, location: HHCRSPJSONReader.path(context.codingPath), message: context.debugDescription)
    } catch {
      throw InstanceError(file: file, location: "", message: "not valid JSON")
    }
    func fail(_ at: String, _ message: String) -> InstanceError {
      InstanceError(file: file, location: at, message: message)
    }
    let n = f.travel.count
    guard n > 0, f.travel.allSatisfy({ $0.count == n }) else { throw fail("travel", "expected a square matrix") }
    guard !f.travel.joined().contains(where: { $0 < 0 }) else { throw fail("travel", "a travel time is negative") }
    guard (1...31).contains(f.days) else { throw fail("days", "expected 1 to 31 days") }
    for (field, ids) in [("skills", f.skills), ("carers", f.carers.map(\.id)), ("people", f.people.map(\.id))] {
      if let twice = Dictionary(grouping: ids, by: { $0 }).first(where: { $1.count > 1 })?.key {
        throw fail(field, "\(twice) is named twice")
      }
    }
    let skill = Dictionary(f.skills.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let carerIndex = Dictionary(f.carers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let personIndex = Dictionary(f.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    func skills(_ names: [String], _ at: String) throws -> Set<Int> {
      Set(
        try names.map {
          guard let s = skill[$0] else { throw fail(at, "unknown skill \($0)") }
          return s
        })
    }
    func carers(_ ids: [String]?, _ at: String) throws -> Set<Int> {
      Set(
        try (ids ?? []).map {
          guard let c = carerIndex[$0] else { throw fail(at, "unknown carer \($0)") }
          return c
        })
    }
    var carerList: [RotaProblem.Carer] = []
    var consent: [Int: RotaProblem.Consent] = [:]
    for (i, c) in f.carers.enumerated() {
      let at = "carers[\(i)]"
      guard f.travel.indices.contains(c.base) else { throw fail("\(at).base", "not a row of the travel matrix") }
      carerList.append(
        .init(name: c.id, skills: try skills(c.skills, "\(at).skills"), startNode: c.base, endNode: c.base))
      if let z = c.consent {
        let people = try z.people.map {
          Set(
            try $0.map {
              guard let p = personIndex[$0] else { throw fail("\(at).consent.people", "unknown person \($0)") }
              return p
            })
        }
        consent[i] = .init(
          people: people, tasks: try z.tasks.map { try skills($0, "\(at).consent.tasks") }, from: z.from,
          until: z.until, maxJourney: z.maxJourney)
      }
    }
    var services: [RotaProblem.Service] = []
    var syncs: [RotaProblem.Sync] = []
    var wishes: [Int: RotaProblem.Wishes] = [:]
    var backup: [Int: Int] = [:]
    for (p, person) in f.people.enumerated() {
      let at = "people[\(p)]"
      guard f.travel.indices.contains(person.location) else {
        throw fail("\(at).location", "not a row of the travel matrix")
      }
      wishes[p] = .init(
        preferred: try carers(person.preferred, "\(at).preferred"),
        declined: try carers(person.declined, "\(at).declined"),
        flexibility: max(0, person.flexibility ?? 0))
      if let b = person.backup {
        guard let c = carerIndex[b] else { throw fail("\(at).backup", "unknown carer \(b)") }
        backup[p] = c
      }
      for (v, visit) in person.visits.enumerated() {
        let vat = "\(at).visits[\(v)]"
        guard let s = skill[visit.skill] else { throw fail("\(vat).skill", "unknown skill \(visit.skill)") }
        guard visit.duration >= 0 else { throw fail("\(vat).duration", "duration is negative") }
        guard visit.earliest <= visit.latest else { throw fail(vat, "earliest is after latest") }
        guard visit.days.allSatisfy({ (0..<f.days).contains($0) }) else {
          throw fail("\(vat).days", "a day outside 0..<\(f.days)")
        }
        guard (1...2).contains(visit.carers ?? 1) else { throw fail("\(vat).carers", "1 or 2 carers") }
        for day in visit.days {
          for _ in 0..<(visit.carers ?? 1) {
            var service = RotaProblem.Service(
              person: p, node: person.location, skill: s, duration: visit.duration, earliest: visit.earliest,
              latest: visit.latest)
            service.day = day
            service.demand = visit.duration
            services.append(service)
          }
          if visit.carers == 2 {
            syncs.append(
              .init(
                first: services.count - 2, second: services.count - 1, minGap: visit.minGap ?? 0,
                maxGap: visit.maxGap ?? visit.minGap ?? 0))
          }
        }
      }
    }
    var problem = RotaProblem(
      name: f.name, services: services, carers: carerList, travel: f.travel, syncs: syncs,
      personIDs: f.people.map(\.id), skillIDs: f.skills)
    problem.shifts = (0..<f.days).flatMap { d in
      f.carers.enumerated().compactMap { i, c -> RotaProblem.Shift? in
        if let shifts = c.shifts {
          return shifts.first { $0.day == d }.map {
            RotaProblem.Shift(
              carer: i, day: d, startNode: c.base, endNode: c.base, capacity: $0.capacity ?? .infinity,
              maxDuration: $0.end, start: $0.start)
          }
        }
        return (c.workDays ?? Array(0..<f.days)).contains(d)
          ? RotaProblem.Shift(carer: i, day: d, startNode: c.base, endNode: c.base) : nil
      }
    }
    problem.wishes = wishes
    problem.consent = consent
    problem.backup = backup
    problem.team = Dictionary(
      uniqueKeysWithValues: try wishes.map { p, w in
        if let team = f.people[p].team { return (p, try carers(team, "people[\(p)].team")) }
        return (p, w.preferred.union(backup[p].map { [$0] } ?? []))
      })
    try problem.checkEveryVisitHasACarer(file: file)
    return problem
  }
}
