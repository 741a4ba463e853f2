// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: CareWeb → CareCases → CareStore → CareCore.
// CareCore and Rota import no framework; CareStore is the only Fluent user, CareWeb the only Vapor user;
// CareCases (the use cases) imports neither. Only CareWeb's wiring (App/, Commands/) touches the store.
let package = Package(
  name: "carecoop",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "carecoop", targets: ["carecoop"]),
    .executable(name: "carecoop-rota", targets: ["carecoop-rota"]),
  ],
  dependencies: [
    .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
    .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
    .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
    .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
    .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
    .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.36.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
  ],
  targets: [
    .target(name: "CareCore"),
    .target(name: "Rota", dependencies: ["CareCore"]),
    // The co-op's week ↔ the rota engine's problem and plan. Foundation, CareCore and Rota only.
    .target(name: "CareRota", dependencies: ["CareCore", "Rota"]),
    // The iCalendar (RFC 5545) writer for calendar feeds. Foundation only.
    .target(name: "CareCalendar"),
    // The hours ledger's arithmetic: entries that sum to zero, balances folded from them, banking's rules.
    // Foundation only.
    .target(name: "CareLedger"),
    // Counting votes: majority with quorum and threshold, consent, a time poll, the single transferable vote.
    .target(name: "CareVotes"),
    .target(
      name: "CareStore",
      dependencies: [
        "CareCore", "CareLedger",
        .product(name: "FluentKit", package: "fluent-kit"),
        .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
        .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "SQLiteNIO", package: "sqlite-nio"),
      ]
    ),
    // Every command and page model: the access decision, the store work and the audit in one call.
    // No Vapor, no Fluent.
    .target(
      name: "CareCases",
      dependencies: [
        "CareCore", "CareStore", "CareRota", "Rota", "CareCalendar", "CareLedger", "CareVotes",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "CareWeb",
      dependencies: [
        "CareCore", "CareStore", "CareCases", "CareRota", "Rota", "CareLedger",
        .product(name: "Vapor", package: "vapor"),
        .product(name: "Plot", package: "Plot"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      // The OpenAPI document: the shared part and one fragment per capability, from its folder.
      resources: [
        .copy("Public"), .copy("API/base.openapi.json"),
        .copy("Accounts/accounts.openapi.json"),
        .copy("People/people.openapi.json"),
        .copy("Teams/teams.openapi.json"), .copy("Teams/teamsay.openapi.json"),
        .copy("Circles/circles.openapi.json"),
        .copy("Members/members.openapi.json"),
        .copy("Engagements/engagements.openapi.json"),
        .copy("Records/records.openapi.json"),
        .copy("Medicines/medicines.openapi.json"),
        .copy("Media/media.openapi.json"),
        .copy("Hours/hours.openapi.json"),
        .copy("Invoices/invoices.openapi.json"),
        .copy("Payments/payments.openapi.json"),
        .copy("Plans/plans.openapi.json"),
        .copy("Plans/goals.openapi.json"),
        .copy("Documents/documents.openapi.json"),
        .copy("Documents/search.openapi.json"),
        .copy("Library/library.openapi.json"),
        .copy("Governance/governance.openapi.json"),
        .copy("Meetings/meetings.openapi.json"),
        .copy("Quality/quality.openapi.json"),
        .copy("Messages/messages.openapi.json"),
        .copy("Concerns/concerns.openapi.json"),
        .copy("Pay/pay.openapi.json"),
        .copy("Hats/hats.openapi.json"),
        .copy("Week/week.openapi.json"),
      ]
    ),
    .executableTarget(
      name: "carecoop",
      dependencies: [
        "CareWeb", .product(name: "Vapor", package: "vapor"), .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ]
    ),
    .executableTarget(
      name: "carecoop-rota",
      dependencies: ["Rota", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    .testTarget(
      name: "CareCoreTests",
      dependencies: ["CareCore", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
    // The benchmark files the tests read live in Tests/RotaTests/Fixtures (see its README).
    .testTarget(name: "RotaTests", dependencies: ["Rota"], exclude: ["Fixtures"]),
    .testTarget(name: "CareCalendarTests", dependencies: ["CareCalendar"]),
    .testTarget(
      name: "CareVotesTests",
      dependencies: ["CareVotes", .product(name: "PropertyBased", package: "swift-property-based")]),
    .testTarget(
      name: "CareLedgerTests",
      dependencies: ["CareLedger", .product(name: "PropertyBased", package: "swift-property-based")]),
    .testTarget(
      name: "CareRotaTests",
      dependencies: ["CareRota", "CareCore", "Rota", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
    // Engines, fresh databases and the throwaway PostgreSQL cluster, for the store and web tests alike.
    .target(
      name: "CareTestSupport",
      dependencies: ["CareStore", "CareCore", "CareCases", .product(name: "Logging", package: "swift-log")],
      path: "Tests/CareTestSupport"),
    .testTarget(
      name: "CareCasesTests",
      dependencies: ["CareCases", "CareStore", "CareCore", "CareTestSupport"]),
    .testTarget(
      name: "CareStoreTests",
      dependencies: [
        "CareStore", "CareCore", "CareTestSupport",
        .product(name: "FluentKit", package: "fluent-kit"), .product(name: "SQLKit", package: "sql-kit"),
      ]),
    .testTarget(
      name: "CareWebTests",
      dependencies: [
        "CareWeb", "CareCases", "CareStore", "CareCore", "CareTestSupport",
        .product(name: "Vapor", package: "vapor"),
        .product(name: "Plot", package: "Plot"),
        .product(name: "VaporTesting", package: "vapor"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
