//! The one error shape of every answer that is not a success (DESIGN.md §11).

use crate::wire_type;

wire_type! {
    /// `{"error": {"code": "...", "message": "..."}}`
    pub struct ErrorBody {
        pub error: ErrorDetail,
    }

    pub struct ErrorDetail {
        /// Stable snake_case code that programs match on.
        pub code: String,
        /// A sentence for people.
        pub message: String,
        /// Extra facts for programs, e.g. `{"expected_mutation_id": 4}` on a sync gap.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
        pub details: Option<serde_json::Value>,
    }
}
