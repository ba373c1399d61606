/// Display width and word wrapping live in TextLayout, shared with the exported plain text (BoardFormats);
/// every TUIKit user sees them as part of the toolkit.
@_exported import TextLayout
