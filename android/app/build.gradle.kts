plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

android {
    namespace = "org.fabrique.app"
    compileSdk = 35

    defaultConfig {
        applicationId = "org.fabrique.app"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        // The publisher's push relay (fabrique-relay) for phones with Google services; empty:
        // UnifiedPush only.
        buildConfigField("String", "RELAY_URL", "\"${project.findProperty("fabrique.relayUrl") ?: ""}\"")
        // One app for every federation: the address is asked at first start (or comes with an
        // invitation link). Invitation links of the federations listed here open the app
        // directly (App Links, verified through each server's /.well-known/assetlinks.json);
        // every other federation's invitation page opens it with its fabrique:// button.
        manifestPlaceholders["linkHost"] = project.findProperty("fabrique.linkHost") ?: "fabrique.example.org"
        ndk {
            // What scripts/build-android.sh builds with cargo-ndk into src/main/jniLibs.
            abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64")
        }
    }

    buildFeatures {
        compose = true
        buildConfig = true
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    kotlinOptions {
        jvmTarget = "17"
    }

    buildTypes {
        release {
            isMinifyEnabled = false
        }
    }
}

dependencies {
    implementation(project(":core"))
    implementation("${libs.jna.get()}@aar")
    implementation(libs.androidx.core.ktx)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.runtime.compose)
    implementation(libs.androidx.lifecycle.process)
    implementation(platform(libs.compose.bom))
    implementation(libs.compose.ui)
    implementation(libs.compose.material3)
    implementation(libs.compose.material.icons)
    implementation(libs.compose.ui.tooling.preview)
    debugImplementation(libs.compose.ui.tooling)
    implementation(libs.unifiedpush.connector)
    implementation(libs.firebase.messaging)
    implementation(libs.play.services.base)
    implementation(libs.coil.compose)
}
