// swift-tools-version: 6.1
import PackageDescription

/// Test hooks (fault points that kill the process on request) are compiled into debug builds only: a
/// release binary cannot be stopped half-way by its environment. `.ci/check-release.sh` checks the binary.
let testHooks: SwiftSetting = .define("MEDLAKE_TEST_HOOKS", .when(configuration: .debug))

let package = Package(
    name: "MedLake",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "medlake", targets: ["medlake"]),
        .library(name: "DICOM", targets: ["DICOM"]),
        .library(name: "Genomics", targets: ["Genomics"]),
        .library(name: "TUI", targets: ["TUI"]),
        .library(name: "Workbench", targets: ["Workbench"]),
        .library(name: "TUICurses", targets: ["TUICurses"]),
        .executable(name: "tui-demo", targets: ["TUIDemo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Tests only: MedLakeCLITests reads deploy/kubernetes/*.yaml.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CLibdeflate", path: "Sources/CLibdeflate"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),

        // MARK: - Parsers
        .target(name: "DICOM", dependencies: ["CZlib"]),
        .target(name: "Genomics", dependencies: ["CZlib", "CLibdeflate"]),

        // MARK: - Terminal
        .target(name: "TextSafety"),
        .target(name: "TUI", dependencies: ["TextSafety", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(
            name: "CNcurseswShim",
            dependencies: ["CNcursesw"],
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        .target(name: "TUICurses", dependencies: ["TUI", "CNcursesw", "CNcurseswShim"]),
        .executableTarget(name: "TUIDemo", dependencies: ["TUI", "TUICurses"]),

        // MARK: - Catalog engine
        .target(name: "CSQLiteShim", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "Catalog",
            dependencies: [
                "CSQLiteShim", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "CFileShim"),
        .target(name: "CSHA256Lanes"),
        .target(
            name: "Storage",
            dependencies: [
                "CFileShim",
                "CSHA256Lanes",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "LakeEngine",
            dependencies: [
                "Catalog",
                "Storage",
                "DICOM",
                "Genomics",
                "TextSafety",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: [testHooks]
        ),

        // MARK: - Lake service
        .target(
            name: "LakeService",
            dependencies: [
                "LakeEngine", "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "LakeClient",
            dependencies: [
                "LakeEngine", "Storage",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),

        // MARK: - Workbench
        .target(name: "Workbench", dependencies: ["TUI", "LakeEngine", "Catalog", "Genomics"]),

        // MARK: - Executable
        .executableTarget(
            name: "medlake",
            dependencies: [
                "DICOM",
                "Genomics",
                "TUI",
                "Catalog",
                "LakeEngine",
                "LakeClient",
                "LakeService",
                "Storage",
                "Workbench",
                "TUICurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["TUI", "Catalog"], path: "Tests/TestSupport"),
        .testTarget(name: "DICOMTests", dependencies: ["DICOM"]),
        .testTarget(name: "GenomicsTests", dependencies: ["Genomics", "CZlib"], exclude: ["Fixtures"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog"]),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        .testTarget(
            name: "LakeEngineTests",
            dependencies: [
                "LakeEngine", "Catalog", "Storage", "DICOM", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "MedLakeCLITests",
            dependencies: [
                "medlake", "Catalog", "DICOM", "Storage", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Help/Snapshots"]),
        .testTarget(
            name: "WorkbenchTests",
            dependencies: [
                "Workbench", "LakeEngine", "LakeClient", "LakeService", "TUI", "DICOM", "Genomics", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "DocsTests"),
        .testTarget(
            name: "TUICursesTests",
            dependencies: ["TUI", "TUICurses", "CNcursesw", "CNcurseswShim", "TUIDemo", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
