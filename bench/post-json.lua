-- POSTs the JSON body given in the environment variable BENCH_BODY to the URL under test.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
