namespace Realtime.Contracts.Validation;

/// <summary>The contract's size limits, in Unicode code points after trimming and NFC.</summary>
public static class Limits
{
    public const int IdMaxLength = 64;
    public const int ChatTextMax = 500;
    public const int CommentTextMax = 2000;
    public const int DisplayNameMax = 40;
    public const int RoomTitleMax = 100;
    public const int NoteTitleMax = 100;
    public const int NoteBodyMax = 5000;
    public const int LikeCountMax = 100;
    public const int SlowModeMaxSeconds = 300;
    public const int BanMaxMinutes = 10080;
    public const int SnapshotLatest = 50;
    public const int ResumeMax = 1000;
    public const int ClientMessageIdMax = 64;
    public const int InboxPageMax = 200;
    public const int MentionsPerComment = 10;
    public const int DirectTextMax = 1000;
    public const int ConversationsPageMax = 200;
    public const int DirectPageMax = 200;
    public const int ReportReasonMax = 500;
    public const int OrderQuantityMax = 10;
    public const int ProductTitleMax = 100;
    public const long PriceCentsMax = 100_000_000_00;
    public const int ProductStockMax = 1_000_000;
    public const int ImageUrlMax = 2048;
}
