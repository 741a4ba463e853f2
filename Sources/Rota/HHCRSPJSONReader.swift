import Foundation

/// Reads the JSON instance format of iolab-uniud/hhcrsp: patients with time windows and required
/// services, caregivers with abilities, one central office, a distance matrix (office first).
public enum HHCRSPJSONReader {
  struct File: Decodable {
    struct Patient: Decodable {
      struct Need: Decodable {
        let service: String
        let duration: Double
      }
      struct Synchronization: Decodable {
        let type: String
        let distance: [Double]?
      }
      let id: String
      let time_window: [Double]
      let required_caregivers: [Need]
      let synchronization: Synchronization?
    }
    struct Service: Decodable { let id: String }
    struct Caregiver: Decodable {
      let id: String
      let abilities: [String]
    }
    let patients: [Patient]
    let services: [Service]
    let caregivers: [Caregiver]
    let distances: [[Double]]
  }

  public static func read(data: Data, file: String) throws -> RotaProblem {
    let parsed: File
    do {
      parsed = try JSONDecoder().decode(File.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw InstanceError(file: file, location: path(context.codingPath + [key]), message: "missing")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
      throw InstanceError(file: file, location: path(context.codingPath), message: context.debugDescription)
    } catch let DecodingError.dataCorrupted(context) {
      throw InstanceError(file: file, location: path(context.codingPath), message: "not valid JSON")
    }
    let skillIndex = Dictionary(uniqueKeysWithValues: parsed.services.enumerated().map { ($1.id, $0) })
    let nodes = parsed.patients.count + 1
    guard parsed.distances.count == nodes, parsed.distances.allSatisfy({ $0.count == nodes }) else {
      throw InstanceError(file: file, location: "distances", message: "expected a \(nodes)×\(nodes) matrix")
    }
    if parsed.distances.joined().contains(where: { $0 < 0 }) {
      throw InstanceError(file: file, location: "distances", message: "a travel time is negative")
    }
    var carers: [RotaProblem.Carer] = []
    for (i, c) in parsed.caregivers.enumerated() {
      let skills = try c.abilities.map { ability -> Int in
        guard let s = skillIndex[ability] else {
          throw InstanceError(file: file, location: "caregivers[\(i)].abilities", message: "unknown service \(ability)")
        }
        return s
      }
      carers.append(.init(name: c.id, skills: Set(skills), startNode: 0, endNode: 0))
    }
    var services: [RotaProblem.Service] = []
    var syncs: [RotaProblem.Sync] = []
    for (i, patient) in parsed.patients.enumerated() {
      let at = "patients[\(i)]"
      guard patient.time_window.count == 2, patient.time_window[0] <= patient.time_window[1] else {
        throw InstanceError(file: file, location: "\(at).time_window", message: "expected [earliest, latest]")
      }
      guard (1...2).contains(patient.required_caregivers.count) else {
        throw InstanceError(file: file, location: "\(at).required_caregivers", message: "1 or 2 services are allowed")
      }
      for need in patient.required_caregivers {
        guard let skill = skillIndex[need.service] else {
          throw InstanceError(
            file: file, location: "\(at).required_caregivers", message: "unknown service \(need.service)")
        }
        guard need.duration >= 0 else {
          throw InstanceError(file: file, location: "\(at).required_caregivers", message: "duration is negative")
        }
        guard carers.contains(where: { $0.skills.contains(skill) }) else {
          throw InstanceError(file: file, location: at, message: "nobody may do service \(need.service)")
        }
        services.append(
          .init(
            person: i, node: i + 1, skill: skill, duration: need.duration, earliest: patient.time_window[0],
            latest: patient.time_window[1]))
      }
      if patient.required_caregivers.count == 2 {
        let gap: (Double, Double)
        switch patient.synchronization?.type {
        case "simultaneous": gap = (0, 0)
        case "sequential":
          guard let d = patient.synchronization?.distance, d.count == 2, d[0] <= d[1] else {
            throw InstanceError(file: file, location: "\(at).synchronization", message: "expected distance [min, max]")
          }
          gap = (d[0], d[1])
        default:
          throw InstanceError(
            file: file, location: "\(at).synchronization", message: "two services need a synchronization")
        }
        syncs.append(.init(first: services.count - 2, second: services.count - 1, minGap: gap.0, maxGap: gap.1))
      }
    }
    return RotaProblem(
      name: file, services: services, carers: carers, travel: parsed.distances, syncs: syncs,
      personIDs: parsed.patients.map(\.id), skillIDs: parsed.services.map(\.id))
  }

  static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
  }
}
