console.log("main chunk of the test portal, long enough to be worth compressing, compressing, compressing")
