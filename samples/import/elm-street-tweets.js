window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1767000000000000001"
          ],
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.x.com\" rel=\"nofollow\">X Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "ElmStreet",
            "indices": [
              "98",
              "108"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/agenda1",
            "expanded_url": "https://millbrook.example/council/agenda/2026-03-10",
            "display_url": "millbrook.example/council/",
            "indices": [
              "109",
              "129"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "129"
      ],
      "favorite_count": "0",
      "id_str": "1767000000000000001",
      "truncated": false,
      "retweet_count": "0",
      "id": "1767000000000000001",
      "created_at": "Mon Mar 09 08:02:00 +0000 2026",
      "favorited": false,
      "full_text": "The council wants to remove the Elm Street bike lane on Tuesday. Here is what its own counts say. #ElmStreet https://t.co/agenda1",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1767000000000000002"
          ],
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.x.com\" rel=\"nofollow\">X Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "88"
      ],
      "favorite_count": "0",
      "id_str": "1767000000000000002",
      "truncated": false,
      "retweet_count": "0",
      "id": "1767000000000000002",
      "created_at": "Mon Mar 09 08:04:10 +0000 2026",
      "favorited": false,
      "full_text": "1/ The counter on Elm Street logged 412 bikes a day in February, up from 260 a year ago.",
      "lang": "en",
      "in_reply_to_status_id_str": "1767000000000000001",
      "in_reply_to_status_id": "1767000000000000001",
      "in_reply_to_user_id": "2001",
      "in_reply_to_user_id_str": "2001",
      "in_reply_to_screen_name": "dana_rides"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1767000000000000003"
          ],
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.x.com\" rel=\"nofollow\">X Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "103"
      ],
      "favorite_count": "0",
      "id_str": "1767000000000000003",
      "truncated": false,
      "retweet_count": "0",
      "id": "1767000000000000003",
      "created_at": "Mon Mar 09 08:06:45 +0000 2026",
      "favorited": false,
      "full_text": "2/ No serious crash on the lane since it opened. The three before it were all at the Oak Road junction.",
      "lang": "en",
      "in_reply_to_status_id_str": "1767000000000000002",
      "in_reply_to_status_id": "1767000000000000002",
      "in_reply_to_user_id": "2001",
      "in_reply_to_user_id_str": "2001",
      "in_reply_to_screen_name": "dana_rides"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1767000000000000004"
          ],
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.x.com\" rel=\"nofollow\">X Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Millbrook Council",
            "screen_name": "millbrook_council",
            "indices": [
              "0",
              "18"
            ],
            "id_str": "2100",
            "id": "2100"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "106"
      ],
      "favorite_count": "0",
      "id_str": "1767000000000000004",
      "truncated": false,
      "retweet_count": "0",
      "id": "1767000000000000004",
      "created_at": "Mon Mar 09 12:30:00 +0000 2026",
      "favorited": false,
      "full_text": "@millbrook_council Your notice calls the lane \"little used\". Your own counter says 412 a day. Which is it?",
      "lang": "en",
      "in_reply_to_status_id_str": "1766990000000000950",
      "in_reply_to_status_id": "1766990000000000950",
      "in_reply_to_user_id": "2100",
      "in_reply_to_user_id_str": "2100",
      "in_reply_to_screen_name": "millbrook_council"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1767000000000000005"
          ],
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.x.com\" rel=\"nofollow\">X Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Elm Street Traders",
            "screen_name": "elm_traders",
            "indices": [
              "3",
              "15"
            ],
            "id_str": "2200",
            "id": "2200"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "98"
      ],
      "favorite_count": "0",
      "id_str": "1767000000000000005",
      "truncated": false,
      "retweet_count": "0",
      "id": "1767000000000000005",
      "created_at": "Mon Mar 09 15:10:00 +0000 2026",
      "favorited": false,
      "full_text": "RT @elm_traders: Shops on Elm Street need loading bays &amp; short stops, not the end of the lane.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1767000000000000006"
          ],
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.x.com\" rel=\"nofollow\">X Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/quote1",
            "expanded_url": "https://x.com/elm_traders/status/1766995000000000100",
            "display_url": "x.com/elm_traders/status/1",
            "indices": [
              "75",
              "94"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "94"
      ],
      "favorite_count": "0",
      "id_str": "1767000000000000006",
      "truncated": false,
      "retweet_count": "0",
      "id": "1767000000000000006",
      "created_at": "Mon Mar 09 15:20:00 +0000 2026",
      "favorited": false,
      "full_text": "This is the compromise: keep the lane, add two loading bays by the bakery. https://t.co/quote1",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1767000000000000007"
          ],
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.x.com\" rel=\"nofollow\">X Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "ElmStreet",
            "indices": [
              "107",
              "117"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "117"
      ],
      "favorite_count": "0",
      "id_str": "1767000000000000007",
      "truncated": false,
      "retweet_count": "0",
      "id": "1767000000000000007",
      "created_at": "Tue Mar 10 19:45:00 +0000 2026",
      "favorited": false,
      "full_text": "Update: the vote is postponed to April, and officers will look at loading bays. Thank you to all who came. #ElmStreet",
      "lang": "en",
      "in_reply_to_status_id_str": "1767000000000000006",
      "in_reply_to_status_id": "1767000000000000006",
      "in_reply_to_user_id": "2001",
      "in_reply_to_user_id_str": "2001",
      "in_reply_to_screen_name": "dana_rides"
    }
  }
]
