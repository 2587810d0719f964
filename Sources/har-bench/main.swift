print("har-bench")
