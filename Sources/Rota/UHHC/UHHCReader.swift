import Foundation

/// Reads a UHHC JSON instance. Every problem names the file and the field (`patients[3].time_windows`).
public enum UHHCReader {
  public static func read(data: Data, file: String) throws -> UHHCInstance {
    let root = try JSONPath.root(data, file: file)
    let meta = try root["metadata"]
    let costs = try meta["cost_components"]
    var weights = UHHCInstance.Weights()
    func weight(_ key: String) throws -> Int {
      guard let value = costs.optional(key) else { return 0 }
      if value.text == "HARD" { return 1 }
      return try value.int()
    }
    weights.travel = try weight("travel_time")
    weights.tardiness = try weight("total_tardiness")
    weights.tardinessIsHard = costs.optional("total_tardiness")?.text == "HARD"
    weights.highestTardiness = try weight("highest_tardiness")
    weights.waiting = try weight("total_waiting_time")
    weights.extraTime = try weight("total_extra_time")
    weights.maxIdle = try weight("max_idle_time")
    weights.preferences = try weight("caregiver_preferences")
    weights.unscheduled = try weight("optional_patients")
    weights.missedLunch = try weight("missed_lunch_break")

    let distances = try root["distances"].array().map { try $0.array().map { try $0.int() } }
    let size = distances.count
    guard distances.allSatisfy({ $0.count == size }) else {
      throw InstanceError(file: file, location: "distances", message: "expected a \(size)×\(size) matrix")
    }
    guard !distances.joined().contains(where: { $0 < 0 }) else {
      throw InstanceError(file: file, location: "distances", message: "a travel time is negative")
    }
    func node(_ value: JSONPath) throws -> Int {
      let index = try value.int()
      guard (0..<size).contains(index) else {
        throw value.error("index \(index) is outside the \(size)×\(size) matrix")
      }
      return index
    }
    var terminals: [String: Int] = [:]
    for point in try root["terminal_points"].array() {
      terminals[try point["id"].string()] = try node(point["distance_matrix_index"])
    }
    let durations = try Dictionary(
      root["services"].array().map { (try $0["id"].string(), try $0.optional("default_duration")?.int()) },
      uniquingKeysWith: { a, _ in a })

    var carers: [UHHCInstance.Carer] = []
    for c in try root["caregivers"].array() {
      func terminal(_ key: String) throws -> Int {
        let id = try c[key].string()
        guard let index = terminals[id] else { throw try c[key].error("unknown terminal point \(id)") }
        return index
      }
      let start = try terminal("departing_point")
      let end = c.optional("arrival_point") == nil ? start : try terminal("arrival_point")
      carers.append(
        .init(
          id: try c["id"].string(), abilities: Set(try c["abilities"].array().map { try $0.string() }),
          startNode: start, endNode: end, shift: try window(c["working_shift"]),
          takesLunch: try c.optional("lunch_break")?.bool() ?? false))
    }
    let carerIndex = Dictionary(carers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    func carerSet(_ value: JSONPath?) throws -> Set<Int>? {
      guard let value else { return nil }
      return Set(
        try value.array().map {
          let id = try $0.string()
          guard let index = carerIndex[id] else { throw $0.error("unknown caregiver \(id)") }
          return index
        })
    }

    var patients: [UHHCInstance.Patient] = []
    for p in try root["patients"].array() {
      let needs = try p["required_services"].array().map { need -> UHHCInstance.Need in
        let service = try need["service"].string()
        guard durations.keys.contains(service) else { throw try need["service"].error("unknown service \(service)") }
        guard let minutes = try need.optional("duration")?.int() ?? durations[service] ?? nil, minutes > 0 else {
          throw need.error("needs a duration above zero (here or as the service's default)")
        }
        return .init(service: service, duration: minutes)
      }
      guard (1...2).contains(needs.count) else { throw try p["required_services"].error("one or two services") }
      let windows = try p["time_windows"].array().map(window).sorted { $0.start < $1.start }
      guard !windows.isEmpty else { throw try p["time_windows"].error("at least one window") }
      var sync: UHHCInstance.Sync?
      if needs.count == 2 {
        let s = try p["synchronization"]
        switch try s["type"].string() {
        case "independent": sync = .independent
        case "simultaneous": sync = .simultaneous
        case "sequential":
          // [min, max], {"min": …, "max": …}, or one number for both.
          let distance = try s["distance"]
          let gap =
            distance.isList
            ? try distance.array().map { try $0.int() }
            : distance.optional("min") != nil
              ? [try distance["min"].int(), try distance["max"].int()]
              : [try distance.int(), try distance.int()]
          guard gap.count == 2, gap[0] <= gap[1] else { throw distance.error("expected [min, max] with min ≤ max") }
          sync = .sequential(min: gap[0], max: gap[1])
        case let other: throw try s["type"].error("unknown synchronisation \(other)")
        }
      }
      patients.append(
        .init(
          id: try p["id"].string(), node: try node(p["distance_matrix_index"]), needs: needs, windows: windows,
          sync: sync, incompatible: try carerSet(p.optional("incompatible_caregivers")) ?? [],
          preferred: try carerSet(p.optional("preferred_caregivers")),
          optional: try p.optional("optional")?.bool() ?? false))
    }
    let lunch = try root["lunch_breaks"]
    return UHHCInstance(
      name: file, patients: patients, carers: carers, distances: distances,
      lunch: (try lunch["start"].int(), try lunch["end"].int(), try lunch["min_duration"].int()),
      lateAtEnd: try meta.optional("time_window_met")?.string() == "at_service_end", weights: weights)
  }

  /// `{"start": a, "end": b}` or `[a, b]`, with a ≤ b.
  static func window(_ value: JSONPath) throws -> UHHCInstance.Window {
    let (start, end) =
      value.isList
      ? (try value[0].int(), try value[1].int()) : (try value["start"].int(), try value["end"].int())
    guard start <= end else { throw value.error("the window opens (\(start)) after it closes (\(end))") }
    return .init(start: start, end: end)
  }
}
