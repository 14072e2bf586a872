window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : { "initial" : { "editTweetIds" : [ "1100" ], "editableUntil" : "2026-03-02T09:15:00.000Z", "editsRemaining" : "5", "isEditEligible" : true } },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.x.com\" rel=\"nofollow\">X Web App</a>",
      "entities" : {
        "hashtags" : [ { "text" : "harbor", "indices" : [ "40", "47" ] } ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ { "url" : "https://t.co/abc", "expanded_url" : "https://news.example/port-delays", "display_url" : "news.example/port-delays", "indices" : [ "48", "71" ] } ]
      },
      "display_text_range" : [ "0", "71" ],
      "favorite_count" : "3",
      "id_str" : "1100",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1100",
      "created_at" : "Mon Mar 02 08:15:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Our port is not the bottleneck. Thread #harbor https://t.co/abc",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
      "id_str" : "1101",
      "in_reply_to_status_id_str" : "1100",
      "in_reply_to_status_id" : "1100",
      "in_reply_to_user_id" : "1001",
      "in_reply_to_user_id_str" : "1001",
      "in_reply_to_screen_name" : "alice_example",
      "created_at" : "Mon Mar 02 08:16:30 +0000 2026",
      "full_text" : "The agency's figures count ships twice.",
      "id" : "1101"
    }
  },
  {
    "tweet" : {
      "entities" : {
        "hashtags" : [ ],
        "user_mentions" : [ { "name" : "Bob Example", "screen_name" : "bob_example", "indices" : [ "0", "12" ], "id_str" : "1002", "id" : "1002" } ],
        "urls" : [ { "url" : "https://t.co/js", "expanded_url" : "javascript:alert(1)", "display_url" : "x", "indices" : [ "0", "1" ] } ]
      },
      "id_str" : "1102",
      "in_reply_to_status_id_str" : "900",
      "in_reply_to_user_id_str" : "1002",
      "in_reply_to_screen_name" : "bob_example",
      "created_at" : "Mon Mar 02 09:00:00 +0000 2026",
      "full_text" : "@bob_example <script>alert(1)</script> \u0007 read the report &amp; see",
      "id" : "1102"
    }
  },
  {
    "tweet" : {
      "id_str" : "1103",
      "full_text" : "no date here"
    }
  },
  {
    "tweet" : {
      "id_str" : "1104",
      "created_at" : "Mon Feb 30 09:00:00 +0000 2026",
      "full_text" : "a day February never has"
    }
  },
  {
    "tweet" : {
      "id_str" : "1105",
      "created_at" : "Tue Mar 03 10:00:00 +0000 2026",
      "full_text" : "After the bad records, this one still reads."
    }
  }
]
