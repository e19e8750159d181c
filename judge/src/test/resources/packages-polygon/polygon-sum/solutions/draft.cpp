not even C++: a draft Polygon is told never to run
