// The core's bridge as a plain Kotlin/JVM library: it holds no Android API, so the same
// sources are tested on a desktop JVM (scripts/test-kotlin.sh) and used by the app.
plugins {
    alias(libs.plugins.kotlin.jvm)
}

// Java 17 bytecode from whichever JDK runs Gradle (Android Studio bundles 21): no toolchain
// to find or download.
java {
    sourceCompatibility = JavaVersion.VERSION_17
    targetCompatibility = JavaVersion.VERSION_17
}

kotlin {
    compilerOptions {
        jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17)
    }
}

sourceSets {
    main {
        kotlin.srcDirs("src/main/kotlin", "src/generated/kotlin")
    }
}

dependencies {
    // The app brings JNA's Android build (an AAR with its native parts); here only the API.
    compileOnly(libs.jna)
    testImplementation(libs.jna)
    testImplementation(libs.junit)
}

// The JUnit tests need the Rust library and a running server: scripts/test-kotlin.sh
// provides both; from Gradle, run them with FABRIQUE_URL and friends set the same way.
tasks.test {
    systemProperty("jna.library.path", rootProject.file("../target/debug").absolutePath)
}
